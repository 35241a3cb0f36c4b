using System.Globalization;
using System.Text;
using RcWarehouse.Warehouse;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>A warehouse under test plus raw SQL access to check what it wrote.</summary>
public sealed class TestWarehouse
{
    public TestWarehouse(WarehouseProvider provider, IWarehouse warehouse)
    {
        Provider = provider;
        Engine = (WarehouseEngine)warehouse;
    }

    public WarehouseProvider Provider { get; }

    public IWarehouse Warehouse => Engine;

    internal WarehouseEngine Engine { get; }

    public static IReadOnlyList<string> DwTables { get; } =
    [
        "dim_source", "dim_agent", "bridge_agent_supervisor", "dim_queue", "bridge_queue_agent", "dim_interval",
        "fact_agent_queue_interval", "fact_queue_interval", "fact_segment", "fact_segment_event", "fact_segment_attribute",
        "fact_agent_interval", "fact_agent_interval_measure",
    ];

    /// <summary>The engine's name for a logical table: <c>dw.x</c> / <c>etl.x</c> on SQL Server, the bare name on SQLite.</summary>
    public string Table(string logical) => Provider == WarehouseProvider.Sqlite
        ? logical
        : (logical is "load_batch" or "watermark" ? "etl." : "dw.") + logical;

    /// <summary>Runs a query with {table} placeholders resolved through <see cref="Table"/>.</summary>
    public async Task<List<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await Engine.Dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Resolve(sql);
        foreach (var (name, value) in parameters)
        {
            Engine.Dialect.AddParameter(command, name, value);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
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

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await Engine.Dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Resolve(sql);
        foreach (var (name, value) in parameters)
        {
            Engine.Dialect.AddParameter(command, name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> CountAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64((await QueryAsync(sql, cancellationToken, parameters)).Single()[0], CultureInfo.InvariantCulture);

    /// <summary>Every row of every dw table and the watermark table, as sorted text lines.</summary>
    public async Task<string> DumpAsync(CancellationToken cancellationToken)
    {
        var sb = new StringBuilder();
        foreach (var table in DwTables.Append("watermark"))
        {
            await using var connection = await Engine.Dialect.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {Table(table)}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var lines = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var line = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    line.Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append(" | ");
                }

                lines.Add(line.ToString());
            }

            lines.Sort(StringComparer.Ordinal);
            sb.Append("## ").Append(table).Append(" (").Append(lines.Count).Append(" rows)\n");
            foreach (var line in lines)
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    private string Resolve(string sql)
    {
        var text = sql;
        foreach (var table in DwTables.Concat(["load_batch", "watermark", "v_queue_interval", "v_agent_queue_interval", "v_agent_interval", "v_segment", "v_segment_labeled"]))
        {
            text = text.Replace("{" + table + "}", Table(table), StringComparison.Ordinal);
        }

        return text;
    }

}
