namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>What <see cref="FaultingDialect"/> calls transient, standing in for a deadlock victim or a throttled database.</summary>
public sealed class SimulatedTransientException(string message) : Exception(message);
