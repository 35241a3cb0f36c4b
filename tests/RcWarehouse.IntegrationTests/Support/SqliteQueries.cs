using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace RcWarehouse.IntegrationTests.Support;

/// <summary>Reads a warehouse file directly, the way a BI user's SQL would.</summary>
internal sealed class SqliteQueries(string databasePath)
{
    public string ConnectionString { get; } = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<object?[]>> RowsAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every row of every star-schema table (not etl), in key order: two equal dumps mean two equal warehouses.</summary>
    public async Task<string> DumpStarSchemaAsync(params string[] except)
    {
        var tables = await RowsAsync(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'dim_%' OR name LIKE 'fact_%' OR name LIKE 'bridge_%') ORDER BY name");
        var dump = new StringBuilder();
        foreach (var table in tables.Select(t => (string)t[0]!).Where(t => !except.Contains(t, StringComparer.Ordinal)))
        {
            // Empty tables are left out, so a migration that adds a table leaves the dump of the rows as it was; a
            // table that lost its rows still shows (its heading and rows were in the dump before).
            var rows = await RowsAsync($"SELECT * FROM \"{table}\" ORDER BY 1, 2, 3, 4");
            if (rows.Count == 0)
            {
                continue;
            }

            dump.Append("## ").AppendLine(table);
            foreach (var row in rows)
            {
                dump.AppendLine(string.Join(" | ", row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "NULL")));
            }
        }

        return dump.ToString();
    }
}
