using System.Globalization;
using DbUp.Engine;

namespace RcWarehouse.Warehouse.SqlServer;

/// <summary>
/// Bounds every lock wait of a SQL Server migration script (<c>Warehouse:LockTimeout</c>): an ALTER that queues behind
/// BI readers for its schema-modification lock fails (error 1222, the script rolled back) instead of waiting, with every
/// later reader queued behind it, for as long as the migration timeout allows. Run it again in a quieter moment.
/// </summary>
internal sealed class MigrationLockTimeout(int lockTimeoutMs) : IScriptPreprocessor
{
    public string Process(string contents) =>
        string.Create(CultureInfo.InvariantCulture, $"SET LOCK_TIMEOUT {lockTimeoutMs};\nGO\n{contents}");
}
