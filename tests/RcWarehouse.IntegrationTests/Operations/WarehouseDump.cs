using System.Globalization;
using System.Text;
using RcWarehouse.IntegrationTests.Support;

namespace RcWarehouse.IntegrationTests.Operations;

/// <summary>
/// Every row of every dw table (dim_, fact_, bridge_), with surrogate keys replaced by the natural keys they stand for
/// and lineage (load_batch_id) left out: two warehouses with equal dumps hold the same data, whatever order their
/// loads ran in and however many attempts they took.
/// </summary>
internal static class WarehouseDump
{
    public static async Task<string> CanonicalAsync(string databasePath)
    {
        var db = new SqliteQueries(databasePath);
        var natural = new Dictionary<string, Dictionary<long, string>>(StringComparer.Ordinal)
        {
            ["source_key"] = await MapAsync(db, "SELECT source_key, sub_account_id FROM dim_source"),
            ["agent_key"] = await MapAsync(db, "SELECT a.agent_key, s.sub_account_id || ':' || a.agent_id || '@' || a.valid_from_utc FROM dim_agent AS a JOIN dim_source AS s ON s.source_key = a.source_key"),
            ["queue_key"] = await MapAsync(db, "SELECT q.queue_key, s.sub_account_id || ':' || q.queue_id || '@' || q.valid_from_utc FROM dim_queue AS q JOIN dim_source AS s ON s.source_key = q.source_key"),
        };
        var tables = await db.RowsAsync(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'dim_%' OR name LIKE 'fact_%' OR name LIKE 'bridge_%') ORDER BY name");
        var dump = new StringBuilder();
        foreach (var table in tables.Select(t => (string)t[0]!))
        {
            var columns = (await db.RowsAsync($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid")).Select(r => (string)r[0]!).ToList();
            var rows = new List<string>();
            foreach (var row in await db.RowsAsync($"SELECT * FROM \"{table}\""))
            {
                var cells = new List<string>();
                for (var i = 0; i < columns.Count; i++)
                {
                    if (columns[i] == "load_batch_id")
                    {
                        continue;
                    }

                    var text = Convert.ToString(row[i], CultureInfo.InvariantCulture) ?? "NULL";
                    if (natural.TryGetValue(columns[i], out var map) && row[i] is long key)
                    {
                        text = map.TryGetValue(key, out var name) ? name : "?" + text;
                    }

                    cells.Add(columns[i] + "=" + text);
                }

                rows.Add(string.Join(" | ", cells));
            }

            rows.Sort(StringComparer.Ordinal);
            dump.Append("## ").Append(table).Append(" (").Append(rows.Count).AppendLine(" rows)");
            foreach (var line in rows)
            {
                dump.AppendLine(line);
            }
        }

        return dump.ToString();
    }

    private static async Task<Dictionary<long, string>> MapAsync(SqliteQueries db, string sql) =>
        (await db.RowsAsync(sql)).ToDictionary(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture), r => Convert.ToString(r[1], CultureInfo.InvariantCulture) ?? "NULL");
}
