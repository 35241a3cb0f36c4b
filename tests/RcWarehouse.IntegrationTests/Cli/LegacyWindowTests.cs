using System.Globalization;
using RcWarehouse.Core.Landing;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

/// <summary>
/// Legacy aggregate requests have no end date, so the answer runs up to now: only the requested window's settled
/// intervals are loaded, the rest stays in the landed file.
/// </summary>
public sealed class LegacyWindowTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_six_hour_legacy_sync_replaces_only_those_six_hours_and_never_loads_unsettled_intervals()
    {
        // Given a legacy source and an earlier 6-hour window already loaded
        var sim = fixture.Simulator;
        var landing = _temp.File("landing");
        var settings = CliSettingsFile.Write(
            _temp.File("legacy.json"), sim, landing, CliSettingsFile.Source(sim, "legacy", sim.Credentials.SubAccountIds[0], "Legacy"));
        var database = _temp.File("w.db");
        await CliRun.MigrateAsync($"Data Source={database}");
        var db = new SqliteQueries(database);
        var hour = TimeProvider.System.GetUtcNow().UtcDateTime;
        hour = new DateTime(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, DateTimeKind.Utc);
        var earlier = (From: hour.AddHours(-30), To: hour.AddHours(-24));
        var requested = (From: hour.AddHours(-18), To: hour.AddHours(-12));
        var first = await SyncAsync(settings, database, earlier.From, earlier.To);
        Assert.True(first.ExitCode == 0, first.ToString());
        var earlierFacts = await FactsAsync(db, earlier.From, earlier.To);
        Assert.Contains("|", earlierFacts, StringComparison.Ordinal);

        // When a 6-hour window later on is synced (its answer runs from its start to now)
        var second = await SyncAsync(settings, database, requested.From, requested.To);

        // Then the earlier window's facts are untouched, the requested window has facts, and nothing else was loaded
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(earlierFacts, await FactsAsync(db, earlier.From, earlier.To));
        Assert.Contains("|", await FactsAsync(db, requested.From, requested.To), StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>(
            $"SELECT COUNT(*) FROM fact_queue_interval WHERE NOT ((interval_key >= {Key(earlier.From)} AND interval_key < {Key(earlier.To)}) OR (interval_key >= {Key(requested.From)} AND interval_key < {Key(requested.To)}))"));

        // And the rest of the answer was counted and logged, while the landed file kept it
        Assert.Contains("outside the requested window", second.Error, StringComparison.Ordinal);
        var (file, manifest) = await NewestAsync(landing);
        Assert.Equal(requested.To, manifest.SettledUntilUtc);
        Assert.True(manifest.WindowEndUtc > requested.To.AddHours(11));
        var landedRows = File.ReadLines(file).Count();
        var loadedRows = await db.ScalarAsync<long>("SELECT rows_read FROM load_batch ORDER BY load_batch_id DESC LIMIT 1");
        Assert.True(landedRows > loadedRows * 2, $"{landedRows} lines landed, {loadedRows} rows loaded");

        // And each batch's recorded window is the one requested
        var windows = await db.RowsAsync("SELECT window_start_utc, window_end_utc FROM load_batch ORDER BY load_batch_id");
        Assert.Equal([(earlier.From, earlier.To), (requested.From, requested.To)], windows.Select(w => (Utc(w[0]), Utc(w[1]))).ToList());

        // When a window reaching past now is synced
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var third = await SyncAsync(settings, database, hour.AddHours(-1), now.AddHours(1));

        // Then no interval that ended less than the settle delay (5 minutes) ago was loaded
        Assert.True(third.ExitCode == 0, third.ToString());
        var settled = now.AddMinutes(-5);
        var lastSlot = await db.ScalarAsync<long>($"SELECT MAX(interval_key) FROM fact_queue_interval WHERE interval_key >= {Key(hour.AddHours(-1))}");
        var lastStart = DateTime.ParseExact(lastSlot.ToString(CultureInfo.InvariantCulture), "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.True(lastStart.AddMinutes(15) <= settled, $"the interval starting {lastStart:O} had not ended 5 minutes before {now:O}");
        Assert.True((await NewestAsync(landing)).Manifest.WindowEndUtc > lastStart.AddMinutes(15));
    }

    private static Task<CliRun> SyncAsync(string settings, string database, DateTime from, DateTime to) =>
        CliRun.InvokeAsync(
            "sync", "--from", from.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), "--to", to.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            "--report", "queue-stats", "--settings", settings, "--connection", $"Data Source={database}");

    private static async Task<string> FactsAsync(SqliteQueries db, DateTime from, DateTime to)
    {
        var rows = await db.RowsAsync(
            $"SELECT interval_key, queue_key, answ_call_cnt, aband_call_cnt, talking_call_dur_sec, load_batch_id FROM fact_queue_interval WHERE interval_key >= {Key(from)} AND interval_key < {Key(to)} ORDER BY interval_key, queue_key");
        return string.Join("\n", rows.Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
    }

    private static async Task<(string File, LandingManifest Manifest)> NewestAsync(string landing)
    {
        var landed = new List<(string File, LandingManifest Manifest)>();
        foreach (var path in Directory.EnumerateFiles(landing, "*.manifest.json", SearchOption.AllDirectories))
        {
            var manifest = await LandingManifest.ReadAsync(path, TestContext.Current.CancellationToken);
            landed.Add((Path.Combine(Path.GetDirectoryName(path)!, manifest.FileName), manifest));
        }

        return landed.MaxBy(l => l.Manifest.FetchedAtUtc);
    }

    private static long Key(DateTime utc) => long.Parse(utc.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static DateTime Utc(object? value) => value switch
    {
        DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
        _ => DateTime.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
    };
}
