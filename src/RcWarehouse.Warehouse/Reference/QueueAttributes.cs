namespace RcWarehouse.Warehouse.Reference;

/// <summary>One queue as the warehouse keeps it; every attribute but the membership is type 2 (memberships have their own validity).</summary>
internal sealed record QueueAttributes(
    string QueueId,
    string? QueueName,
    string? QueueGroupId,
    string? QueueGroupName,
    string? QueueType,
    bool IsActive,
    IReadOnlySet<string> AgentIds)
{
    public bool SameVersionAs(QueueAttributes other) =>
        QueueName == other.QueueName && QueueGroupId == other.QueueGroupId && QueueGroupName == other.QueueGroupName
        && QueueType == other.QueueType && IsActive == other.IsActive;
}
