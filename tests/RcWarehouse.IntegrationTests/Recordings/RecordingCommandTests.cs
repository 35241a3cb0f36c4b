using System.Globalization;
using System.Text.Json.Nodes;
using RcWarehouse.Core.Recordings;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Recordings;

/// <summary>The archive through the command line: sync with Recordings:Enabled, demo, and prune's usage.</summary>
public sealed class RecordingCommandTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Sync_ArchivesRecordingsAfterTheSegmentsPublish_OnlyWhenEnabled()
    {
        // Given a current-generation source and an hour of yesterday
        var sim = fixture.Simulator;
        var landing = _temp.File("landing");
        var off = CliSettingsFile.Write(_temp.File("off.json"), sim, landing, CliSettingsFile.Source(sim, "cx", sim.Credentials.SubAccountIds[0], "Cx"));
        var on = Enabled(off, _temp.File("on.json"));
        var database = _temp.File("w.db");
        await CliRun.MigrateAsync($"Data Source={database}");
        var db = new SqliteQueries(database);
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] window = ["--from", day + "T13:00", "--to", day + "T14:00", "--report", "segments", "--connection", $"Data Source={database}"];

        // When it is synced with the archive off, then on
        var plain = await CliRun.InvokeAsync(["sync", .. window, "--settings", off]);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_recording"));
        var archived = await CliRun.InvokeAsync(["sync", .. window, "--settings", on]);

        // Then the second run archived every recording and transcript of the window, and said so
        Assert.True(archived.ExitCode == 0, archived.ToString());
        Assert.Contains("recordings: done", archived.Out, StringComparison.Ordinal);
        var recorded = await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_segment WHERE has_recording = 1");
        Assert.True(recorded > 0);
        Assert.Equal(recorded, await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_recording"));
        Assert.Equal(
            await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_segment WHERE has_transcript = 1"),
            await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_transcript WHERE transcript_text IS NOT NULL"));

        // And status, on the same warehouse, reads the archive's tables without complaint
        var status = await CliRun.InvokeAsync("status", "--json", "--connection", $"Data Source={database}");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("\"recordingFailures\": []", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_FillsFactRecordingWithWavFilesOnDisk_AndFactTranscript()
    {
        var landing = _temp.File("landing");
        var settings = _temp.File("demo.json");
        await File.WriteAllTextAsync(settings, new JsonObject { ["RingCx"] = new JsonObject { ["LandingPath"] = landing } }.ToJsonString(), TestContext.Current.CancellationToken);
        var database = _temp.File("demo.db");

        var run = await CliRun.InvokeAsync("demo", "--settings", settings, "--connection", $"Data Source={database}");

        Assert.True(run.ExitCode == 0, run.ToString());
        var db = new SqliteQueries(database);
        Assert.Equal(await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_segment WHERE has_recording = 1"), await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_recording"));
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT COUNT(DISTINCT source_key) FROM fact_recording"));
        Assert.True(await db.ScalarAsync<long>("SELECT COUNT(*) FROM fact_transcript WHERE transcript_text IS NOT NULL") > 0);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT COUNT(*) FROM recording_failure"));
        foreach (var row in await db.RowsAsync("SELECT file_path, duration_ms FROM fact_recording ORDER BY interaction_id LIMIT 20"))
        {
            var path = Path.Combine(landing, ((string)row[0]!).Replace('/', Path.DirectorySeparatorChar));
            Assert.Equal((long)row[1]!, WavHeaderReader.Read(await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken), path).DurationMs);
        }
    }

    [Fact]
    public async Task Prune_WithoutARetention_IsAUsageErrorNamingTheSetting()
    {
        var database = _temp.File("w.db");
        await CliRun.MigrateAsync($"Data Source={database}");

        var run = await CliRun.InvokeAsync("prune", "--connection", $"Data Source={database}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Recordings:RetentionDays", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The settings file with the archive on and the recordings budget relaxed like the report budget.</summary>
    private static string Enabled(string settingsPath, string path)
    {
        var settings = JsonNode.Parse(File.ReadAllText(settingsPath))!.AsObject();
        settings["RingCx"]!["ReferenceRateLimit"] = SimulatorFixture.RelaxedRateLimit;
        settings["Recordings"] = new JsonObject { ["Enabled"] = true };
        File.WriteAllText(path, settings.ToJsonString());
        return path;
    }
}
