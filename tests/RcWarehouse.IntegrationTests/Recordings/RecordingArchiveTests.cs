using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Recordings;
using RcWarehouse.Core.Landing;
using RcWarehouse.Simulator;
using RcWarehouse.Warehouse.Recordings;
using Xunit;

namespace RcWarehouse.IntegrationTests.Recordings;

/// <summary>
/// The recording archive end to end: segments published from the simulator over 127.0.0.1 into a real SQLite file,
/// then their recordings (WAV) and transcripts fetched, landed content-addressed and recorded.
/// </summary>
public sealed class RecordingArchiveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Archive_LandsEveryRecordingAndTranscriptOnce_AndASecondRunFetchesNothing()
    {
        // Given an hour of published segments of both generations
        var from = RecordingHarness.DaysAgoAt(1, 14);
        await using var h = await RecordingHarness.StartAsync(from, from.AddHours(1));
        var recorded = await h.CountAsync("SELECT COUNT(*) FROM fact_segment WHERE has_recording = 1");
        var transcribed = await h.CountAsync("SELECT COUNT(*) FROM fact_segment WHERE has_transcript = 1");
        Assert.True(recorded > 5 && transcribed > 0, $"the hour has {recorded} recorded and {transcribed} transcribed segment(s)");

        // When the archive runs
        var progress = new StringWriter();
        var first = await h.ArchiveAsync(progress);

        // Then every recorded segment has its row and every transcribed one its transcript, in both generations
        Assert.Equal(0, first.Failed);
        Assert.Equal(recorded, first.AudioRecorded);
        Assert.Equal(transcribed, first.TranscriptsRecorded);
        Assert.Equal(recorded, await h.CountAsync("SELECT COUNT(*) FROM fact_recording"));
        Assert.Equal(transcribed, await h.CountAsync("SELECT COUNT(*) FROM fact_transcript WHERE transcript_text LIKE 'agent: %'"));
        Assert.Equal(2, await h.CountAsync("SELECT COUNT(DISTINCT source_key) FROM fact_recording"));
        Assert.Contains("recordings: done", progress.ToString(), StringComparison.Ordinal);

        // And each file is a real WAV named by its SHA-256, with a manifest, whose duration the row holds
        foreach (var row in await h.Database.RowsAsync("SELECT file_path, sha256, byte_count, duration_ms, sample_rate_hz, channel_count, content_type FROM fact_recording"))
        {
            var path = h.FullPath((string)row[0]!);
            var bytes = await File.ReadAllBytesAsync(path, Ct);
            Assert.Equal((string)row[1]!, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal($"recordings/{row[1]}.wav", row[0]);
            Assert.Equal(bytes.LongLength, (long)row[2]!);
            Assert.Equal((bytes.Length - 44) / 16, (long)row[3]!); // 8 kHz, mono, 16-bit: 16 bytes per millisecond
            Assert.InRange((long)row[3]!, 200, 599);
            Assert.Equal(8000L, (long)row[4]!);
            Assert.Equal(1L, (long)row[5]!);
            Assert.Equal("audio/wav", row[6]);
            var manifest = await LandingManifest.ReadAsync(LandingManifest.PathFor(path), Ct);
            Assert.Equal("recording", manifest.Report);
            Assert.Equal((string)row[1]!, manifest.Sha256);
        }

        // When it runs again
        var requests = h.ArchiveRequests().Count;
        var second = await h.ArchiveAsync();

        // Then nothing is fetched twice
        Assert.Equal(RecordingRunSummary.Empty, second);
        Assert.Equal(requests, h.ArchiveRequests().Count);
        Assert.Equal(recorded, await h.CountAsync("SELECT COUNT(*) FROM fact_recording"));
    }

    [Fact]
    public async Task InterruptedRun_FileLandedWithoutRow_IsRecordedFromItsReceiptOrFetchedAgain_WithoutDuplicates()
    {
        // Given an archived hour
        var from = RecordingHarness.DaysAgoAt(1, 15);
        await using var h = await RecordingHarness.StartAsync(from, from.AddHours(1));
        await h.ArchiveAsync();
        var recorded = await h.CountAsync("SELECT COUNT(*) FROM fact_recording");
        var files = Directory.GetFiles(Path.Combine(h.LandingPath, "recordings"), "*.wav").Length;
        var rows = await h.Database.RowsAsync(
            "SELECT source_key, interaction_id, segment_id, dialog_id, segment_start_utc, file_path, sha256, byte_count, duration_ms, sample_rate_hz, channel_count, content_type, fetched_utc FROM fact_recording ORDER BY interaction_id LIMIT 2");

        // And a run that died after landing two files: one after writing its receipt, one before
        var withReceipt = Row(rows[0]);
        await new PendingReceipts(h.LandingPath).WriteAsync(withReceipt, null, Ct);
        await ExecuteAsync(h, $"DELETE FROM fact_recording WHERE interaction_id IN ('{rows[0][1]}', '{rows[1][1]}') AND segment_id IN ('{rows[0][2]}', '{rows[1][2]}')");
        var requests = h.ArchiveRequests().Count;

        // When the archive runs again
        var resumed = await h.ArchiveAsync();

        // Then the receipt's row is recorded without a request, the other segment is fetched once more, and the
        // content-addressed file is the same one: no row or file is lost or duplicated
        Assert.Equal(1, resumed.Recovered);
        Assert.Equal(1, resumed.AudioRecorded);
        Assert.Equal(1, h.ArchiveRequests().Count - requests);
        Assert.Equal(recorded, await h.CountAsync("SELECT COUNT(*) FROM fact_recording"));
        Assert.Equal(files, Directory.GetFiles(Path.Combine(h.LandingPath, "recordings"), "*.wav").Length);
        Assert.Empty(new PendingReceipts(h.LandingPath).Files());
        Assert.Equal(withReceipt.Sha256, await h.Database.ScalarAsync<string>($"SELECT sha256 FROM fact_recording WHERE interaction_id = '{rows[0][1]}' AND segment_id = '{rows[0][2]}'"));
    }

    [Fact]
    public async Task TooManyRequests_BlocksTheCredentialGroupsSharedBudget_AndTheFetchSucceedsAfterIt()
    {
        // Given published segments and a 429 (Retry-After 1 s) waiting for the first recording request
        var from = RecordingHarness.DaysAgoAt(1, 16);
        await using var h = await RecordingHarness.StartAsync(from, from.AddMinutes(30));
        h.Simulator.EnqueueFaults(new SimulatedFault(SimulatedFaultKind.TooManyRequests, "/recordings", RetryAfterSeconds: 1));

        // When the archive runs
        var summary = await h.ArchiveAsync();

        // Then nothing failed: the 429 blocked the reference budget of the credential group (shared through the
        // warehouse with every process) and the request went again only after the block
        Assert.Equal(0, summary.Failed);
        Assert.Equal(await h.CountAsync("SELECT COUNT(*) FROM fact_segment WHERE has_recording = 1"), await h.CountAsync("SELECT COUNT(*) FROM fact_recording"));
        Assert.Equal(1, await h.CountAsync($"SELECT COUNT(*) FROM rate_limit_block WHERE budget_key = 'reference/{h.ClientId}'"));
        var requests = h.ArchiveRequests();
        var refused = requests.First(r => r.Status == 429);
        var next = requests.First(r => r.ReceivedAt > refused.ReceivedAt);
        Assert.True(next.ReceivedAt - refused.ReceivedAt >= TimeSpan.FromSeconds(1), $"sent again {next.ReceivedAt - refused.ReceivedAt} after the 429");
    }

    [Fact]
    public async Task NonWavAnswer_IsRefusedNamingTheRequest_RecordedAndShownByStatus_ThenFetchedOnTheNextRun()
    {
        // Given published segments and a current-generation recording request that will answer an MP3 (that source's:
        // which source's segment comes first depends on yesterday's calls, and the legacy request path names no segment)
        var from = RecordingHarness.DaysAgoAt(1, 17);
        await using var h = await RecordingHarness.StartAsync(from, from.AddMinutes(30));
        h.Simulator.EnqueueFaults(new SimulatedFault(SimulatedFaultKind.NotWavBody, "/recordings/dialogs/"));
        var recorded = await h.CountAsync("SELECT COUNT(*) FROM fact_segment WHERE has_recording = 1");

        // When the archive runs
        var summary = await h.ArchiveAsync();

        // Then that segment failed, nothing of it landed, and the failure says why and for which request
        Assert.Equal(1, summary.Failed);
        Assert.Equal(recorded - 1, await h.CountAsync("SELECT COUNT(*) FROM fact_recording"));
        Assert.Equal(recorded - 1, Directory.GetFiles(Path.Combine(h.LandingPath, "recordings"), "*.wav").Length);
        var status = await StatusService.BuildAsync(h.Session.Warehouse!, new OperationsOptions(), new RecordingsOptions(), TimeProvider.System, 0, Ct);
        var failure = Assert.Single(status.RecordingFailures);
        Assert.Equal("audio", failure.Artifact);
        Assert.Equal(1, failure.Attempts);
        Assert.Contains("not a WAV file", failure.Error, StringComparison.Ordinal);
        Assert.Contains("looks like an MP3", failure.Error, StringComparison.Ordinal);
        Assert.Contains($"/segments/{failure.SegmentId}", failure.Error, StringComparison.Ordinal);

        // When the next run finds the WAV
        var next = await h.ArchiveAsync();

        // Then the segment is archived and its failure closed
        Assert.Equal(1, next.AudioRecorded);
        Assert.Equal(recorded, await h.CountAsync("SELECT COUNT(*) FROM fact_recording"));
        Assert.Equal(0, await h.CountAsync("SELECT COUNT(*) FROM recording_failure"));
    }

    [Fact]
    public async Task FailingSegment_StopsBeingTriedAfterMaxAttempts_AndStaysVisible()
    {
        // Given a segment whose recording is refused on every attempt
        var from = RecordingHarness.DaysAgoAt(1, 18);
        await using var h = await RecordingHarness.StartAsync(from, from.AddMinutes(30));
        var archiver = h.Archiver(o => o.MaxAttempts = 2);
        var runs = new List<RecordingRunSummary>();
        for (var run = 0; run < 3; run++)
        {
            h.Simulator.EnqueueFaults(new SimulatedFault(SimulatedFaultKind.NotWavBody, "/recordings"));
            runs.Add(await archiver.ArchiveAsync(null, null, TextWriter.Null, Ct));
        }

        // Then the first two runs tried it and failed, the third left it alone (its fault was never served), and the
        // failure stays listed with its two attempts
        Assert.Equal([1, 1, 0], runs.Select(r => r.Failed));
        Assert.Equal(0, runs[2].Segments);
        Assert.Equal(1, h.Simulator.PendingFaults);
        var failure = Assert.Single(await WarehouseRecordings.For(h.Session.Warehouse!).GetFailuresAsync(10, Ct));
        Assert.Equal(2, failure.Attempts);
    }

    [Fact]
    public async Task Prune_RemovesAudioPastRetention_MarksTheRows_KeepsFactsAndNewerFiles_AndIsIdempotent()
    {
        // Given archived recordings of three days ago and of yesterday
        var old = RecordingHarness.DaysAgoAt(3, 14);
        await using var h = await RecordingHarness.StartAsync(old, old.AddMinutes(30));
        var recent = RecordingHarness.DaysAgoAt(1, 14);
        await h.Session.Sync.SyncAsync(new RcWarehouse.Cli.Sync.SyncRequest(recent, recent.AddMinutes(30), [RcWarehouse.Core.Reports.ReportKind.Segments]), Ct);
        await h.ArchiveAsync();
        var cutoff = RecordingHarness.Utc(TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-2));
        var oldRows = await h.CountAsync($"SELECT COUNT(*) FROM fact_recording WHERE segment_start_utc < '{cutoff}'");
        var all = await h.CountAsync("SELECT COUNT(*) FROM fact_recording");
        var segments = await h.CountAsync("SELECT COUNT(*) FROM fact_segment");
        var transcripts = await h.CountAsync("SELECT COUNT(*) FROM fact_transcript");
        Assert.True(oldRows > 0 && all > oldRows, $"{oldRows} old of {all} recordings");

        // When prune keeps two days
        var archiver = h.Archiver(o => o.RetentionDays = 2);
        var pruned = await archiver.PruneAsync(2, Ct);

        // Then the old audio files are gone and their rows marked; the newer files, every row and every fact stay
        Assert.Equal(oldRows, pruned.RowsMarked);
        Assert.Equal(oldRows, pruned.FilesDeleted);
        foreach (var row in await h.Database.RowsAsync("SELECT file_path, pruned_utc FROM fact_recording"))
        {
            Assert.Equal(row[1] is null, File.Exists(h.FullPath((string)row[0]!)));
        }

        Assert.Equal(oldRows, await h.CountAsync("SELECT COUNT(*) FROM fact_recording WHERE pruned_utc IS NOT NULL"));
        Assert.Equal(all, await h.CountAsync("SELECT COUNT(*) FROM fact_recording"));
        Assert.Equal(segments, await h.CountAsync("SELECT COUNT(*) FROM fact_segment"));
        Assert.Equal(transcripts, await h.CountAsync("SELECT COUNT(*) FROM fact_transcript"));

        // And a second prune changes nothing, and the archive does not fetch pruned audio again
        var again = await archiver.PruneAsync(2, Ct);
        Assert.Equal((0, 0), (again.RowsMarked, again.FilesDeleted));
        Assert.Equal(0, (await h.ArchiveAsync()).Segments);
    }

    [Fact]
    public async Task Prune_DeletesTemporaryFilesAnInterruptedRunLeft_ButNotOneBeingWritten()
    {
        // Given an archive, and temporary files a killed run left two days ago, next to one a live download writes now
        var at = RecordingHarness.DaysAgoAt(1, 14);
        await using var h = await RecordingHarness.StartAsync(at, at.AddMinutes(15));
        await h.ArchiveAsync();
        var recordings = Path.GetDirectoryName(h.FullPath("recordings/x.wav"))!;
        var transcripts = Path.GetDirectoryName(h.FullPath("transcripts/x.txt"))!;
        Directory.CreateDirectory(transcripts);
        var abandoned = new[] { Path.Combine(recordings, ".incoming.0a1b2c3d.tmp"), Path.Combine(transcripts, ".abc.txt.0a1b2c3d.tmp") };
        var live = Path.Combine(recordings, ".incoming.99887766.tmp");
        foreach (var file in abandoned.Append(live))
        {
            await File.WriteAllBytesAsync(file, new byte[1000], Ct);
        }

        foreach (var file in abandoned)
        {
            File.SetLastWriteTimeUtc(file, TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-2));
        }

        var landed = Directory.GetFiles(recordings, "*.wav").Length;

        // When prune runs
        var pruned = await h.Archiver(o => o.RetentionDays = 30).PruneAsync(30, Ct);

        // Then the abandoned ones are gone and counted, the live one and every landed file stay
        Assert.Equal((2, 2000L), (pruned.TempFilesDeleted, pruned.TempBytesFreed));
        Assert.All(abandoned, file => Assert.False(File.Exists(file)));
        Assert.True(File.Exists(live));
        Assert.Equal(landed, Directory.GetFiles(recordings, "*.wav").Length);
    }

    private static RecordingRow Row(object?[] r) => new(
        (long)r[0]!, (string)r[1]!, (string)r[2]!, (string?)r[3], Parse(r[4]), (string)r[5]!, (string)r[6]!, (long)r[7]!, (long)r[8]!,
        (int)(long)r[9]!, (int)(long)r[10]!, (string?)r[11], Parse(r[12]));

    private static DateTime Parse(object? value) =>
        DateTime.Parse((string)value!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

    private static async Task ExecuteAsync(RecordingHarness h, string sql)
    {
        await using var connection = new SqliteConnection(h.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
