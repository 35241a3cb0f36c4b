using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

/// <summary>
/// Segment fields without a column of their own, pulled from the simulator over 127.0.0.1 into a real SQLite file:
/// kept per segment, labelled by configuration in v_segment_labeled, personal ones protected, reloads idempotent.
/// </summary>
public sealed partial class SegmentFieldsTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["caller"] = "interactionCallingAddress",
        ["language"] = "ivrLanguage",
        ["account"] = "customerAccountNumber",
        ["channel"] = "channelId",
    };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Current_segments_keep_every_extra_field_labelled_masked_where_personal_and_a_reload_changes_nothing()
    {
        // Given current-generation segments, Mask mode, four labels and the custom account number marked personal
        var settings = Settings("cx", "Cx", "Mask", Labels, new() { ["customerAccountNumber"] = "Address" });
        var (connection, db) = Database("cx");
        var migrated = await CliRun.InvokeAsync("migrate", "--settings", settings, "--connection", connection);
        Assert.True(migrated.ExitCode == 0, migrated.ToString());

        // When a window is synced
        var (from, to) = Window();
        var sync = await CliRun.InvokeAsync("sync", "--from", from, "--to", to, "--report", "segments", "--settings", settings, "--connection", connection);
        Assert.True(sync.ExitCode == 0, sync.ToString());

        // Then every segment keeps the fields it has no column for, the simulator's extras among them
        var segments = await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_segment");
        Assert.True(segments > 5, $"only {segments} segments");
        var names = (await db.RowsAsync("SELECT name, COUNT(*) FROM fact_segment_attribute GROUP BY name ORDER BY name"))
            .ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        foreach (var name in new[] { "subAccountId", "channelId", "interactionCallingAddress", "ivrLanguage", "customerAccountNumber" })
        {
            Assert.True(names.TryGetValue(name, out var count) && count == segments, $"{name}: {(names.TryGetValue(name, out var c) ? c : 0)} of {segments} segments");
        }

        // And v_segment_labeled has one row per segment and one column per label, read from those fields
        var labelled = await db.RowsAsync("""
            SELECT l.caller, l.language, l.account, l.channel, v.calling_address
            FROM v_segment_labeled AS l
            INNER JOIN v_segment AS v ON v.source_key = l.source_key AND v.interaction_id = l.interaction_id AND v.segment_id = l.segment_id
            """);
        Assert.Equal(segments, labelled.Count);
        foreach (var row in labelled)
        {
            // the extra phone number (the other generation's name) is masked as the column is, and is the same caller
            Assert.Matches(MaskedNumber(), (string)row[0]!);
            Assert.Equal(row[4], row[0]);
            Assert.Contains((string)row[1]!, new[] { "en-US", "es-US" });

            // the account number marked personal keeps its last four digits only; an unmarked field is as received
            Assert.Matches(MaskedNumber(), (string)row[2]!);
            Assert.Matches(Digits(), (string)row[3]!);
        }

        Assert.Equal(0, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_segment_attribute WHERE value LIKE 'AC-%'"));

        // When the same window is synced again
        var before = await db.RowsAsync("SELECT source_key, interaction_id, segment_id, name, value, load_batch_id FROM fact_segment_attribute ORDER BY 1, 2, 3, 4");
        var again = await CliRun.InvokeAsync("sync", "--from", from, "--to", to, "--report", "segments", "--settings", settings, "--connection", connection);
        Assert.True(again.ExitCode == 0, again.ToString());

        // Then not one kept field changed, not even the batch that wrote it
        Assert.Equal(before, await db.RowsAsync("SELECT source_key, interaction_id, segment_id, name, value, load_batch_id FROM fact_segment_attribute ORDER BY 1, 2, 3, 4"));
    }

    [Fact]
    public async Task Legacy_extra_phone_numbers_are_hashed_like_the_columns_and_changed_labels_need_migrate()
    {
        // Given legacy segments in Hash mode, labelled
        var settings = Settings("legacy", "Legacy", "Hash", Labels, []);
        var (connection, db) = Database("legacy");
        Assert.Equal(0, (await CliRun.InvokeAsync("migrate", "--settings", settings, "--connection", connection)).ExitCode);
        var (from, to) = Window();

        // When a window is synced
        var sync = await CliRun.InvokeAsync("sync", "--from", from, "--to", to, "--report", "segments", "--settings", settings, "--connection", connection);
        Assert.True(sync.ExitCode == 0, sync.ToString());

        // Then the current generation's name for the called number, kept as an extra field, holds the same hash as called_address
        var rows = await db.RowsAsync("""
            SELECT a.value, f.called_address
            FROM fact_segment AS f
            INNER JOIN fact_segment_attribute AS a
                ON a.source_key = f.source_key AND a.interaction_id = f.interaction_id AND a.segment_id = f.segment_id AND a.name = 'channelEndpointAddress'
            """);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Matches(Hex64(), (string)r[0]!));
        Assert.All(rows, r => Assert.Equal(r[1], r[0]));

        // And the legacy recording URL reaches v_segment
        Assert.True(await db.ScalarAsync<long>("SELECT COUNT(*) FROM v_segment WHERE has_recording = 1 AND recording_url IS NOT NULL") > 0);

        // When the labels change, other commands refuse until migrate re-creates the view with the new columns
        var relabelled = Settings("legacy", "Legacy", "Hash", new() { ["account_number"] = "customerAccountNumber" }, []);
        var status = await CliRun.InvokeAsync("status", "--settings", relabelled, "--connection", connection);
        Assert.NotEqual(0, status.ExitCode);
        Assert.Contains("views/v_segment_labeled.sql", status.Error, StringComparison.Ordinal);
        var migrate = await CliRun.InvokeAsync("migrate", "--settings", relabelled, "--connection", connection);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Equal(
            ["source_key", "interaction_id", "segment_id", "account_number"],
            (await db.RowsAsync("SELECT name FROM pragma_table_info('v_segment_labeled') ORDER BY cid")).Select(r => (string)r[0]!).ToArray());
        Assert.Equal(
            await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_segment"),
            await db.ScalarAsync<long>("SELECT COUNT(*) FROM v_segment_labeled WHERE account_number LIKE 'AC-%'"));
        Assert.Equal(0, (await CliRun.InvokeAsync("status", "--settings", relabelled, "--connection", connection)).ExitCode);
    }

    [Fact]
    public async Task A_label_that_is_not_a_plain_identifier_is_a_usage_error_naming_the_key()
    {
        var settings = Settings("bad", "Cx", "Mask", new() { ["caller; DROP TABLE fact_segment"] = "SECRET_FIELD" }, []);
        var (connection, _) = Database("bad");

        var run = await CliRun.InvokeAsync("migrate", "--settings", settings, "--connection", connection);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Warehouse:SegmentLabels:caller; DROP TABLE fact_segment", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET_FIELD", run.Error + run.Out, StringComparison.Ordinal);
    }

    // Yesterday's 14:00-16:00 UTC, the simulator's business morning (New York): dozens of calls even when yesterday was a
    // weekend day (a third of the weekday volume). Its night (09:00 UTC) gave a Sunday four segments.
    private static (string From, string To) Window()
    {
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1);
        return (day.AddHours(14).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), day.AddHours(16).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
    }

    private (string Connection, SqliteQueries Db) Database(string name)
    {
        var path = _temp.File(name + ".db");
        return ($"Data Source={path}", new SqliteQueries(path));
    }

    // The RingCx section as the other CLI tests write it, plus the Warehouse settings under test.
    private string Settings(string name, string generation, string mode, Dictionary<string, string> labels, Dictionary<string, string> personal)
    {
        var sim = fixture.Simulator;
        var path = _temp.File($"{name}-{labels.Count}.json");
        CliSettingsFile.Write(path, sim, _temp.File($"landing-{name}"), CliSettingsFile.Source(sim, name, sim.Credentials.SubAccountIds[0], generation, "json"));
        var settings = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var labelNode = new JsonObject();
        foreach (var (label, field) in labels)
        {
            labelNode[label] = field;
        }

        var personalNode = new JsonObject();
        foreach (var (field, kind) in personal)
        {
            personalNode[field] = kind;
        }

        settings["Warehouse"] = new JsonObject { ["PersonalData"] = mode, ["SegmentLabels"] = labelNode, ["SegmentPersonalFields"] = personalNode };
        File.WriteAllText(path, settings.ToJsonString());
        return path;
    }

    [GeneratedRegex(@"^\*+\d{4}$")]
    private static partial Regex MaskedNumber();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex Digits();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Hex64();
}
