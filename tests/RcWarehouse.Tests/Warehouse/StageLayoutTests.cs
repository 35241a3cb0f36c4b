using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Core.Reports.Segments;
using RcWarehouse.Warehouse.Staging;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>The staging layouts are the one description of staging columns; the migration scripts must agree with them.</summary>
public sealed partial class StageLayoutTests
{
    public static TheoryData<string> Tables() => ["agent_extended", "queue_stats", "segment"];

    [Theory]
    [MemberData(nameof(Tables))]
    public void SqlServerStageTable_HasTheLayoutColumns(string table)
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.SqlFolder("sqlserver"), "0001_initial.sql"));
        var columns = TSqlBatches.Split(script)
            .SelectMany(batch => TSql.Parse(batch).Fragment is TSqlScript s ? s.Batches.SelectMany(b => b.Statements) : [])
            .OfType<CreateTableStatement>()
            .Single(t => t.SchemaObjectName.SchemaIdentifier?.Value == "stage" && t.SchemaObjectName.BaseIdentifier.Value == table)
            .Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value)
            .ToArray();

        Assert.Equal(Expected(table), columns);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void SqliteStageTable_HasTheLayoutColumns(string table)
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.SqlFolder("sqlite"), "0001_initial.sql"));
        var body = Regex.Match(script, $@"CREATE TABLE stage_{table} \((?<body>.*?)\n\);", RegexOptions.Singleline).Groups["body"].Value;
        var columns = ColumnName().Matches(body).Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal(Expected(table), columns);
    }

    [Fact]
    public void EmptyStrings_AreStagedAsNull()
    {
        var row = new AgentExtendedRow
        {
            IntervalStartUtc = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            IntervalMinutes = 15,
            AgentId = "A1",
            AgentName = "",
            QueueId = "Q1",
            TalkingCallDurSec = 1,
            WrapUpDurSec = 2,
            AnswCallCnt = 3,
            TransferOutCallCnt = 4,
        };

        var name = AgentExtendedStaging.Layout.Columns.Single(c => c.Name == "agent_name");
        Assert.Null(name.Get(row));
        Assert.Equal(202601051000L, AgentExtendedStaging.Layout.Columns.Single(c => c.Name == "interval_key").Get(row));
    }

    [Fact]
    public void Durations_AreRoundedToTheMillisecondForBothEngines()
    {
        var row = new AgentExtendedRow
        {
            IntervalStartUtc = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc),
            IntervalMinutes = 15,
            AgentId = "A1",
            QueueId = "Q1",
            TalkingCallDurSec = 1.2345m,
            WrapUpDurSec = 2.0004m,
            AnswCallCnt = 3,
            TransferOutCallCnt = 4,
        };

        Assert.Equal(1.235m, AgentExtendedStaging.Layout.Columns.Single(c => c.Name == "talking_call_dur_sec").Get(row));
        Assert.Equal(2.000m, AgentExtendedStaging.Layout.Columns.Single(c => c.Name == "wrap_up_dur_sec").Get(row));
    }

    [Fact]
    public void SegmentEvents_TravelAsJsonInWarehouseTimeFormat()
    {
        var json = SegmentEventsJson.Write(
        [
            new SegmentEventRow(1, "RECORDING_START", new DateTime(2026, 1, 5, 10, 0, 1, 250, DateTimeKind.Utc), null),
            new SegmentEventRow(2, "RECORDING_STOP", new DateTime(2026, 1, 5, 10, 3, 0, DateTimeKind.Utc), new DateTime(2026, 1, 5, 10, 3, 0, 5, DateTimeKind.Utc)),
        ]);

        Assert.Equal(
            """[{"seq":1,"type":"RECORDING_START","time":"2026-01-05 10:00:01.250","client_time":null},{"seq":2,"type":"RECORDING_STOP","time":"2026-01-05 10:03:00.000","client_time":"2026-01-05 10:03:00.005"}]""",
            json);
        Assert.Null(SegmentEventsJson.Write([]));
    }

    [Fact]
    public void LocalTimes_AreRefused()
    {
        Assert.Throws<InvalidDataException>(() => StageLayout<AgentExtendedRow>.AsUtc(new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Local), "interval start"));
        Assert.Equal(DateTimeKind.Utc, StageLayout<AgentExtendedRow>.AsUtc(new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Unspecified), "interval start").Kind);
    }

    private static string[] Expected(string table)
    {
        var (layoutColumns, resolved) = table switch
        {
            "agent_extended" => (AgentExtendedStaging.Layout.Columns.Select(c => c.Name), new[] { "agent_key", "queue_key" }),
            "queue_stats" => (QueueStatsStaging.Layout.Columns.Select(c => c.Name), ["queue_key"]),
            "segment" => (SegmentStaging.Layout.Columns.Select(c => c.Name), ["agent_key", "is_unchanged"]),
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
        };

        return [.. new[] { "load_batch_id" }.Concat(layoutColumns).Concat(resolved)];
    }

    [GeneratedRegex(@"^\s+([a-z_0-9]+)\s", RegexOptions.Multiline)]
    private static partial Regex ColumnName();
}
