namespace RcWarehouse.Cli;

/// <summary>A failed command as the operator sees it: its exit code and its one error line.</summary>
public sealed record CliFailure(int ExitCode, string Line);
