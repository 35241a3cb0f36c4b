using System.Data.Common;
using Quartz.Impl.AdoJobStore;

namespace RcWarehouse.Cli.Scheduling;

/// <summary>
/// Quartz's SQLite dialect for a clustered store: the paging of Quartz's own <see cref="SQLiteDelegate"/> on
/// <see cref="StdAdoDelegate"/>. Quartz 4.7.3 refuses to cluster a store whose delegate is a <see cref="SQLiteDelegate"/>
/// ("SQLite cannot be used as clustered mode due to locking problems") because with it the store locks in process
/// (<c>SqliteLockHandler</c>), which keeps two processes from nothing. This delegate is not one, so the store takes the
/// database lock a cluster needs, and <see cref="QuartzSetup"/> makes that lock real on SQLite: every Quartz
/// transaction is serializable, which Microsoft.Data.Sqlite begins with <c>BEGIN IMMEDIATE</c> (the file's one write
/// lock, taken at the start, waited for across processes), and the lock statement is an <c>UPDATE</c> of the lock row.
/// </summary>
public sealed class ClusteredSqliteDialect : StdAdoDelegate
{
    /// <summary>Quartz's own SQLite schema script (embedded in Quartz.dll), so the store can create its file's tables.</summary>
    protected override string? SchemaResourceName => "Quartz.Impl.AdoJobStore.Schema.create_sqlite.sql";

    protected override string ApplyPaging(string sql, bool takeLimited) =>
        takeLimited ? sql + " LIMIT @pageTake OFFSET @pageSkip" : sql + " LIMIT -1 OFFSET @pageSkip";

    protected override void AddPagingParameters(DbCommand cmd, int skip, int take, bool takeLimited)
    {
        if (takeLimited)
        {
            AddCommandParameter(cmd, "pageTake", take);
        }

        AddCommandParameter(cmd, "pageSkip", skip);
    }

    protected override SqlRowLimit GetRowLimit(int count) => SqlRowLimit.AtStatementEnd("LIMIT", count);
}
