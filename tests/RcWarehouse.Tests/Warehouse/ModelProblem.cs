namespace RcWarehouse.Tests.Warehouse;

/// <summary>One DacFx validation message, attributed to the statement (or schema object) it is about.</summary>
internal sealed record ModelProblem(string Statement, string Code, string Reference, string Message)
{
    public override string ToString() => $"{Statement}: {Code} {Message}";
}
