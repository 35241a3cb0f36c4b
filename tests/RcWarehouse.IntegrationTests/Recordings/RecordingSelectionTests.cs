using Microsoft.Data.Sqlite;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Recordings;
using RcWarehouse.Simulator;
using RcWarehouse.Warehouse.Recordings;
using Xunit;

namespace RcWarehouse.IntegrationTests.Recordings;

/// <summary>
/// Which segments a run reads (look-back, --from, --source before the limit), what a warehouse outage does to a run,
/// and how status counts failures: against the simulator over 127.0.0.1 and a real SQLite file.
/// </summary>
public sealed class RecordingSelectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SegmentsOlderThanTheLookBack_AreNotFetched_UntilFromReachesBackToThem()
    {
        // Given segments published three days ago and yesterday
        var old = RecordingHarness.DaysAgoAt(3, 14);
        await using var h = await RecordingHarness.StartAsync(old, old.AddMinutes(30));
        var recent = RecordingHarness.DaysAgoAt(1, 14);
        await h.Session.Sync.SyncAsync(new RcWarehouse.Cli.Sync.SyncRequest(recent, recent.AddMinutes(30), [RcWarehouse.Core.Reports.ReportKind.Segments]), Ct);
        var cutoff = RecordingHarness.Utc(TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-2));
        var oldRecorded = await h.CountAsync($"SELECT COUNT(*) FROM fact_segment WHERE has_recording = 1 AND segment_end_utc < '{cutoff}'");
        var allRecorded = await h.CountAsync("SELECT COUNT(*) FROM fact_segment WHERE has_recording = 1");
        Assert.True(oldRecorded > 0 && allRecorded > oldRecorded, $"{oldRecorded} old of {allRecorded} recorded segments");

        // When a run looks back two days
        var archiver = h.Archiver(o => o.LookBack = TimeSpan.FromDays(2));
        var scheduled = await archiver.ArchiveAsync(null, null, TextWriter.Null, Ct);

        // Then only yesterday's segments were fetched: the older ones were not even read
        Assert.Equal(0, scheduled.Failed);
        Assert.Equal(allRecorded - oldRecorded, await h.CountAsync("SELECT COUNT(*) FROM fact_recording"));
        Assert.Equal(0, await h.CountAsync($"SELECT COUNT(*) FROM fact_recording WHERE segment_start_utc < '{cutoff}'"));

        // When a run is asked to reach back four days (recordings --from)
        var reaching = await archiver.ArchiveAsync(null, TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-4), TextWriter.Null, Ct);

        // Then the older segments are archived too
        Assert.Equal(0, reaching.Failed);
        Assert.Equal(allRecorded, await h.CountAsync("SELECT COUNT(*) FROM fact_recording"));
    }

    [Fact]
    public async Task PendingQuery_SearchesTheSegmentEndIndex_InsteadOfScanningFactSegment()
    {
        // Given a migrated warehouse
        var from = RecordingHarness.DaysAgoAt(1, 14);
        await using var h = await RecordingHarness.StartAsync(from, from.AddMinutes(30));

        // When SQLite plans both pending statements
        foreach (var statement in new[] { SqliteRecordingStatements.Sql.SelectPending, SqliteRecordingStatements.Sql.SelectPendingForSubAccount })
        {
            var plan = string.Join("\n", (await h.Database.RowsAsync("EXPLAIN QUERY PLAN " + statement.Text)).Select(r => r[^1]));

            // Then fact_segment is read through a range of ix_fact_segment_end
            Assert.Contains("USING INDEX ix_fact_segment_end (segment_end_utc>? AND segment_end_utc<?)", plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Source_IsSelectedBeforeTheLimit_SoEachSourceGetsItsSegmentsWhileOthersHaveABacklog()
    {
        // Given recorded segments of two sources, none archived, and room for one segment per run
        var from = RecordingHarness.DaysAgoAt(1, 14);
        await using var h = await RecordingHarness.StartAsync(from, from.AddHours(1));
        var archiver = h.Archiver(o => o.MaxPerRun = 1);

        foreach (var source in new[] { "sim-cx", "sim-legacy" })
        {
            var subAccount = h.RingCx.Sources.Single(s => s.Name == source).SubAccountIds.Single();

            // When a run is limited to that source
            var summary = await archiver.ArchiveAsync(source, null, TextWriter.Null, Ct);

            // Then it archived one segment, of that source, whatever the other source's backlog
            Assert.Equal(1, summary.Segments);
            Assert.Equal(1, await h.CountAsync(
                $"SELECT COUNT(*) FROM fact_recording AS r INNER JOIN dim_source AS d ON d.source_key = r.source_key WHERE d.sub_account_id = '{subAccount}'"));
        }
    }

    [Fact]
    public async Task WarehouseFailure_EndsTheRun_ChargesNoAttempt_AndTheLandedFileIsRecordedNextRun()
    {
        // Given published segments and a warehouse that refuses every recording row
        var from = RecordingHarness.DaysAgoAt(1, 15);
        await using var h = await RecordingHarness.StartAsync(from, from.AddMinutes(30));
        var recorded = await h.CountAsync("SELECT COUNT(*) FROM fact_segment WHERE has_recording = 1");
        await ExecuteAsync(h, "CREATE TRIGGER refuse_recordings BEFORE INSERT ON fact_recording BEGIN SELECT RAISE(ABORT, 'simulated outage'); END;");

        // When the archive runs
        var error = await Assert.ThrowsAsync<SqliteException>(() => h.ArchiveAsync());

        // Then the run ended on the database error, and no segment was charged an attempt for it
        Assert.Contains("simulated outage", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM recording_failure"));
        Assert.Single(Directory.GetFiles(Path.Combine(h.LandingPath, "recordings", ".pending"), "*.receipt.json"));

        // When the warehouse is back
        await ExecuteAsync(h, "DROP TRIGGER refuse_recordings;");
        var next = await h.ArchiveAsync();

        // Then the interrupted segment's row comes from its receipt, and every other one is fetched
        Assert.Equal(0, next.Failed);
        Assert.Equal(1, next.Recovered);
        Assert.Equal(recorded, await h.CountAsync("SELECT COUNT(*) FROM fact_recording"));
    }

    [Fact]
    public async Task Status_CountsEveryFailureInSql_NotJustTheListedOnes()
    {
        // Given 150 failing fetches on record, 40 of them past Recordings:MaxAttempts
        var from = RecordingHarness.DaysAgoAt(1, 16);
        await using var h = await RecordingHarness.StartAsync(from, from.AddMinutes(30));
        await ExecuteAsync(h, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150)
            INSERT INTO recording_failure (source_key, interaction_id, segment_id, artifact, attempts, error, first_failed_utc, last_failed_utc)
            SELECT (SELECT MIN(source_key) FROM dim_source), 'i-' || i, 's-' || i, 'audio', CASE WHEN i <= 40 THEN 5 ELSE 1 END,
                   'audio: 503', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000'
            FROM n;
            """);

        // When status is built
        var status = await StatusService.BuildAsync(h.Session.Warehouse!, new OperationsOptions(), new RecordingsOptions { MaxAttempts = 5 }, TimeProvider.System, 0, Ct);

        // Then the list is bounded, the counts are not
        Assert.Equal(100, status.RecordingFailures.Count);
        Assert.Equal(new RecordingFailureCounts(150, 40), status.RecordingFailureCounts);
    }

    [Fact]
    public async Task RecordingOverMaxBytes_IsRefusedNamingTheSegment_NothingLanded_NoTemporaryFileLeft()
    {
        // Given published segments whose recordings (a few KB each) exceed a 1 KiB limit
        var from = RecordingHarness.DaysAgoAt(1, 17);
        await using var h = await RecordingHarness.StartAsync(from, from.AddMinutes(30));
        var recorded = await h.CountAsync("SELECT COUNT(*) FROM fact_segment WHERE has_recording = 1");
        var transcribed = await h.CountAsync("SELECT COUNT(*) FROM fact_segment WHERE has_transcript = 1");
        Assert.True(recorded > 0, "no recorded segment in the window");

        // When the archive runs
        var summary = await h.Archiver(o => o.MaxBytes = 1024).ArchiveAsync(null, null, TextWriter.Null, Ct);

        // Then every recording was refused as a failed attempt of its segment, transcripts landed as usual
        Assert.Equal(recorded, summary.Failed);
        Assert.Equal(0, summary.AudioRecorded);
        Assert.Equal(transcribed, summary.TranscriptsRecorded);
        var failures = await WarehouseRecordings.For(h.Session.Warehouse!).GetFailuresAsync(1000, Ct);
        Assert.Equal(recorded, failures.Count);
        Assert.All(failures, f =>
        {
            Assert.Equal("audio", f.Artifact);
            Assert.Contains($"segment {f.InteractionId}/{f.SegmentId}", f.Error, StringComparison.Ordinal);
            Assert.Contains("more than Recordings:MaxBytes (1024)", f.Error, StringComparison.Ordinal);
        });

        // And nothing of the audio is on disk: no landed file, no temporary one
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(h.LandingPath, "recordings"), "*", SearchOption.TopDirectoryOnly));
    }

    [Fact]
    public async Task TruncatedRecording_IsFetchedAgain_AndTheStreamedFileHoldsOnlyTheSecondAttempt()
    {
        // Given published segments and a recording answer that will break off after part of its body
        var from = RecordingHarness.DaysAgoAt(1, 18);
        await using var h = await RecordingHarness.StartAsync(from, from.AddMinutes(30));
        h.Simulator.EnqueueFaults(new SimulatedFault(SimulatedFaultKind.TruncatedBody, "/recordings"));

        // When the archive runs
        var summary = await h.ArchiveAsync();

        // Then the retry (as for any truncated answer) succeeded and nothing failed
        Assert.Equal(0, summary.Failed);
        Assert.Equal(0, h.Simulator.PendingFaults);

        // And each landed file is named by the SHA-256 of its bytes and no temporary file is left beside them
        var files = Directory.GetFiles(Path.Combine(h.LandingPath, "recordings"));
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(Path.GetFileName(f).StartsWith('.'), $"{f} left behind"));
        foreach (var row in await h.Database.RowsAsync("SELECT file_path, sha256, byte_count FROM fact_recording"))
        {
            var bytes = await File.ReadAllBytesAsync(h.FullPath((string)row[0]!), Ct);
            Assert.Equal((string)row[1]!, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
            Assert.Equal(bytes.LongLength, (long)row[2]!);
        }
    }

    private static async Task ExecuteAsync(RecordingHarness h, string sql)
    {
        await using var connection = new SqliteConnection(h.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
