using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using RcWarehouse.Core.Errors;
using RcWarehouse.Core.Recordings;
using RcWarehouse.Core.Telemetry;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Http;
using RcWarehouse.RingCx.Landing;
using RcWarehouse.RingCx.Recordings;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Recordings;

namespace RcWarehouse.Cli.Recordings;

/// <summary>
/// Archives the recordings and transcripts of published segments. Per segment and artifact: fetch (through the
/// credential group's shared budget), check (audio must be a WAV), land content-addressed with a manifest, write a
/// receipt, record the row, delete the receipt. A problem of one segment is recorded per segment and artifact
/// (etl.recording_failure, shown by <c>status</c>) and the run goes on with the next segment; the failed one is tried
/// again next run, up to <see cref="RecordingsOptions.MaxAttempts"/>. A problem of the run (the warehouse, the disk,
/// cancellation) ends it and charges no attempt. See docs/operations.md, "Recordings and transcripts".
/// </summary>
public sealed class RecordingArchiver
{
    // Enough for the RIFF header and the chunks before the audio (fmt, LIST, fact): read from the landed file.
    private const int WavHeadBytes = 64 * 1024;

    // A temporary file untouched this long belongs to no live run (a download writes continuously): prune deletes it.
    private static readonly TimeSpan AbandonedTempAge = TimeSpan.FromDays(1);

    private readonly RingCxClient _client;
    private readonly RingCxOptions _ringCx;
    private readonly RecordingsOptions _options;
    private readonly WarehouseRecordings _recordings;
    private readonly ContentAddressedLanding _landing;
    private readonly PendingReceipts _receipts;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RecordingArchiver(RingCxClient client, RingCxOptions ringCx, RecordingsOptions options, IWarehouse warehouse, TimeProvider time, ILogger<RecordingArchiver> logger)
    {
        ArgumentNullException.ThrowIfNull(ringCx);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _ringCx = ringCx;
        _options = options;
        _recordings = WarehouseRecordings.For(warehouse);
        _landing = new ContentAddressedLanding(ringCx.LandingPath, time);
        _receipts = new PendingReceipts(ringCx.LandingPath);
        _time = time;
        _logger = logger;
    }

    public RecordingsOptions Options => _options;

    /// <summary>
    /// One run: receipts of an interrupted run first, then up to <see cref="RecordingsOptions.MaxPerRun"/> segments
    /// (of the sub-accounts <paramref name="source"/> selects; all when null) that ended at least
    /// <see cref="RecordingsOptions.SettleDelay"/> ago, and no earlier than <paramref name="fromUtc"/> (default: now
    /// minus <see cref="RecordingsOptions.LookBack"/>), and lack their audio or transcript.
    /// </summary>
    /// <param name="source">A source name or sub-account id, or null for every configured one.</param>
    /// <param name="fromUtc">The earliest segment end to consider (recordings --from); null for the look-back.</param>
    /// <param name="progress">Where progress lines go (a command's console); null logs them.</param>
    /// <param name="cancellationToken">Stops between requests; what has landed is kept and recorded.</param>
    /// <exception cref="System.Data.Common.DbException">The warehouse failed: the run stops, no segment is charged an attempt.</exception>
    public async Task<RecordingRunSummary> ArchiveAsync(string? source, DateTime? fromUtc, TextWriter? progress, CancellationToken cancellationToken)
    {
        // Counted here, for /metrics: a run that fails as a whole has no row of its own in the warehouse (status lists
        // per-segment failures only), so the counter and the job's error line are where an operator sees it.
        try
        {
            var summary = await ArchiveRunAsync(source, fromUtc, progress, cancellationToken);
            RcWarehouseMetrics.RecordRecordingRun(RcWarehouseMetrics.Succeeded);
            return summary;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RcWarehouseMetrics.RecordRecordingRun(RcWarehouseMetrics.Failed);
            throw;
        }
    }

    private async Task<RecordingRunSummary> ArchiveRunAsync(string? source, DateTime? fromUtc, TextWriter? progress, CancellationToken cancellationToken)
    {
        var recovered = await ReplayReceiptsAsync(cancellationToken);
        var now = _time.GetUtcNow().UtcDateTime;
        var endedBefore = now - _options.SettleDelay;
        var endedAfter = fromUtc ?? now - _options.LookBack;
        var pending = await PendingAsync(source, endedAfter, endedBefore, cancellationToken);
        var audio = 0;
        var transcripts = 0;
        var failed = 0;
        long bytes = 0;
        await ReportAsync(progress, $"recordings: {pending.Count} segment(s) to archive (ended {endedAfter:yyyy-MM-dd HH:mm} to {endedBefore:yyyy-MM-dd HH:mm} UTC){(recovered > 0 ? $"; {recovered} recovered from an interrupted run" : "")}");
        for (var i = 0; i < pending.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var segment = pending[i];
            if (segment.NeedsAudio)
            {
                var landed = await TryAsync(segment, WarehouseRecordings.Audio, () => ArchiveAudioAsync(segment, cancellationToken), cancellationToken);
                (audio, failed, bytes) = landed is null ? (audio, failed + 1, bytes) : (audio + 1, failed, bytes + landed.Value);
            }

            if (segment.NeedsTranscript)
            {
                var landed = await TryAsync(segment, WarehouseRecordings.Transcript, () => ArchiveTranscriptAsync(segment, cancellationToken), cancellationToken);
                (transcripts, failed, bytes) = landed is null ? (transcripts, failed + 1, bytes) : (transcripts + 1, failed, bytes + landed.Value);
            }

            if ((i + 1) % _options.ProgressEvery == 0 && i + 1 < pending.Count)
            {
                await ReportAsync(progress, $"recordings: {i + 1}/{pending.Count} segment(s); {audio} audio, {transcripts} transcript(s) landed, {failed} failed");
            }
        }

        var summary = new RecordingRunSummary(pending.Count, audio, transcripts, recovered, failed, bytes);
        await ReportAsync(progress, string.Create(CultureInfo.InvariantCulture,
            $"recordings: done, {pending.Count} segment(s); {audio} audio, {transcripts} transcript(s) landed ({bytes:N0} bytes) under {_landing.RootPath}; {failed} failed{(failed > 0 ? " (recorded: see status)" : "")}"));
        return summary;
    }

    /// <summary>
    /// The segments of this run, oldest first. With a source, each of its sub-accounts is asked for in SQL (filtered
    /// before the limit), so the selected source's backlog is never crowded out by the others'.
    /// </summary>
    private async Task<IReadOnlyList<PendingSegment>> PendingAsync(string? source, DateTime endedAfter, DateTime endedBefore, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return await _recordings.GetPendingAsync(null, endedAfter, endedBefore, _options.MaxAttempts, _options.MaxPerRun, cancellationToken);
        }

        var pending = new List<PendingSegment>();
        foreach (var subAccountId in Sync.SourceSelection.Select(_ringCx, source).Select(s => s.SubAccountId).Distinct(StringComparer.Ordinal))
        {
            pending.AddRange(await _recordings.GetPendingAsync(subAccountId, endedAfter, endedBefore, _options.MaxAttempts, _options.MaxPerRun, cancellationToken));
        }

        return [.. pending
            .OrderBy(p => p.SegmentEndUtc)
            .ThenBy(p => p.SourceKey)
            .ThenBy(p => p.InteractionId, StringComparer.Ordinal)
            .ThenBy(p => p.SegmentId, StringComparer.Ordinal)
            .Take(_options.MaxPerRun)];
    }

    /// <summary>
    /// Removes the audio files of recordings whose segment started more than <paramref name="retentionDays"/> days
    /// ago and marks their rows (<c>pruned_utc</c>); the rows, transcripts and segment facts stay. A file another,
    /// newer segment still has (same content) is kept. Running it again changes nothing.
    /// </summary>
    public async Task<PruneSummary> PruneAsync(int retentionDays, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, 1);
        var now = _time.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-retentionDays);
        var marked = 0;
        var deleted = 0;
        var kept = 0;
        long freed = 0;
        foreach (var candidate in await _recordings.GetPruneCandidatesAsync(cutoff, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();

            // The file goes first: a crash before the row is marked leaves a row the next prune marks (the file is
            // already gone), never a marked row whose file nobody deletes.
            if (candidate.FileStillNeeded)
            {
                kept++;
            }
            else
            {
                var path = InsideLanding(candidate.FilePath);
                if (File.Exists(path))
                {
                    freed += new FileInfo(path).Length;
                    File.Delete(path);
                    deleted++;
                }
            }

            if (await _recordings.MarkPrunedAsync(candidate, now, cancellationToken))
            {
                marked++;
            }
        }

        // What a run killed mid-download (or mid-write) left: temporary files nothing else ever removes.
        var (tempFiles, tempBytes) = _landing.DeleteAbandonedTempFiles("recordings", now - AbandonedTempAge);
        var (tempTranscripts, tempTranscriptBytes) = _landing.DeleteAbandonedTempFiles("transcripts", now - AbandonedTempAge);
        tempFiles += tempTranscripts;
        tempBytes += tempTranscriptBytes;

        _logger.LogInformation(
            "Pruned recordings older than {CutoffUtc:O}: {Marked} row(s) marked, {Deleted} file(s) deleted ({Bytes} bytes), {TempFiles} abandoned temporary file(s) deleted ({TempBytes} bytes)",
            cutoff, marked, deleted, freed, tempFiles, tempBytes);
        return new PruneSummary(cutoff, marked, deleted, freed, kept, tempFiles, tempBytes);
    }

    private async Task<int> ReplayReceiptsAsync(CancellationToken cancellationToken)
    {
        var recovered = 0;
        foreach (var receipt in _receipts.Files())
        {
            var (audio, transcript) = await PendingReceipts.ReadAsync(receipt, cancellationToken);
            var file = InsideLanding(audio?.FilePath ?? transcript!.FilePath);
            if (!File.Exists(file))
            {
                throw new InvalidDataException($"{receipt}: the landed file it records ({file}) is missing; move the receipt aside and the segment is fetched again.");
            }

            var inserted = audio is not null
                ? await _recordings.RecordAudioAsync(audio, cancellationToken)
                : await _recordings.RecordTranscriptAsync(transcript!, cancellationToken);
            File.Delete(receipt);
            if (inserted)
            {
                recovered++;
                _logger.LogInformation("Recovered the row of {File} from the receipt of an interrupted run", file);
            }
        }

        return recovered;
    }

    private async Task<long> ArchiveAudioAsync(PendingSegment segment, CancellationToken cancellationToken)
    {
        var source = SourceFor(segment);
        var target = Target(segment);

        // The body goes straight to a temporary file in the landing folder, hashed on the way (a recording can be
        // hundreds of MB: it is never held in memory), then renamed to its SHA-256. Until the rename nothing is
        // landed; the temporary file goes whatever happens.
        var temp = _landing.NewTempFile("recordings");
        try
        {
            string? sha = null;
            long length = 0;
            RingCxResponse response;
            await using (var file = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                response = await _client.FetchRecordingToAsync(source, target, async (body, announced, ct) =>
                {
                    (sha, length) = await CopyHashedAsync(body, announced, file, Describe(source, segment), ct);
                    return length;
                }, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            var head = new byte[(int)Math.Min(length, WavHeadBytes)];
            await using (var file = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous))
            {
                await file.ReadExactlyAsync(head, cancellationToken);
            }

            var wav = WavHeaderReader.Read(head, length, Describe(response, segment));
            var landed = await _landing.LandFileAsync("recordings", "wav", LandingFor(source, segment, "recording", response), temp, sha!, length, cancellationToken);
            var row = new RecordingRow(
                segment.SourceKey, segment.InteractionId, segment.SegmentId, segment.DialogId, segment.SegmentStartUtc, landed.RelativePath, landed.Sha256,
                landed.ByteCount, wav.DurationMs, wav.SampleRateHz, wav.Channels, response.ContentType, _time.GetUtcNow().UtcDateTime);
            var receipt = await _receipts.WriteAsync(row, null, cancellationToken);
            await _recordings.RecordAudioAsync(row, cancellationToken);
            File.Delete(receipt);
            return landed.ByteCount;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Copies one attempt's body into <paramref name="file"/> from its start (a retried attempt starts over), hashing
    /// it, and refuses more than <see cref="RecordingsOptions.MaxBytes"/>: up front when the length is announced,
    /// else as soon as the count passes it.
    /// </summary>
    private async Task<(string Sha256, long Length)> CopyHashedAsync(Stream body, long? announced, FileStream file, string request, CancellationToken cancellationToken)
    {
        if (announced > _options.MaxBytes)
        {
            throw new RecordingTooLargeException(request, _options.MaxBytes, announced);
        }

        file.SetLength(0);
        file.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long length = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
                if (length > _options.MaxBytes)
                {
                    throw new RecordingTooLargeException(request, _options.MaxBytes, null);
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<long> ArchiveTranscriptAsync(PendingSegment segment, CancellationToken cancellationToken)
    {
        var source = SourceFor(segment);
        var response = await _client.FetchTranscriptAsync(source, Target(segment), cancellationToken);
        var json = response.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        var landed = await _landing.LandAsync("transcripts", json ? "json" : "txt", LandingFor(source, segment, "transcript", response), response.Body, cancellationToken);
        var text = json ? TranscriptText.TryExtract(response.Body) : null;
        if (text is null)
        {
            _logger.LogWarning("{Request}: transcript format not recognised; kept as received at {File}, transcript_text left null", Describe(response, segment), landed.RelativePath);
        }

        var row = new TranscriptRow(
            segment.SourceKey, segment.InteractionId, segment.SegmentId, landed.RelativePath, landed.Sha256, landed.ByteCount, response.ContentType, text,
            _time.GetUtcNow().UtcDateTime);
        var receipt = await _receipts.WriteAsync(null, row, cancellationToken);
        await _recordings.RecordTranscriptAsync(row, cancellationToken);
        File.Delete(receipt);
        return landed.ByteCount;
    }

    /// <summary>
    /// Runs one fetch. A problem of this segment (RingCX answered with an error or not at all, the audio is not a WAV
    /// or too large, the transcript unreadable) is recorded against the segment and artifact and the run goes on. A
    /// problem of the run itself (the warehouse, its schema, cancellation, a landing file that does not verify) is not
    /// the segment's fault: it is thrown, ends the run visibly and charges no attempt.
    /// </summary>
    private async Task<long?> TryAsync(PendingSegment segment, string artifact, Func<Task<long>> archive, CancellationToken cancellationToken)
    {
        try
        {
            return await archive();
        }
        catch (Exception ex) when (IsSegmentProblem(ex))
        {
            var error = ErrorText.Bound($"{artifact}: {ex.Message}", WarehouseRecordings.MaxErrorLength);
            _logger.LogWarning(ex, "Segment {SubAccount}/{Interaction}/{Segment} {Artifact} not archived: {Error}", segment.SubAccountId, segment.InteractionId, segment.SegmentId, artifact, error);
            await _recordings.RecordFailureAsync(segment.SourceKey, segment.InteractionId, segment.SegmentId, artifact, error, _time.GetUtcNow().UtcDateTime, cancellationToken);
            return null;
        }
    }

    // What one segment's fetch can get wrong. Everything else (DbException, WarehouseSchemaException,
    // OperationCanceledException, UsageException, disk errors, LandingVerificationException) ends the run.
    private static bool IsSegmentProblem(Exception ex) => ex is RingCxApiException
        or TruncatedResponseException
        or HttpRequestException
        or Polly.Timeout.TimeoutRejectedException
        or InvalidDataException
        or RecordingTooLargeException
        or System.Text.Json.JsonException;

    private SourceOptions SourceFor(PendingSegment segment)
    {
        var candidates = _ringCx.Sources.Where(s => s.SubAccountIds.Contains(segment.SubAccountId)).ToList();
        return candidates.FirstOrDefault(s => string.Equals(s.Name, segment.SourceName, StringComparison.Ordinal))
            ?? candidates.FirstOrDefault()
            ?? throw new UsageException($"sub-account {segment.SubAccountId} has published segments but is not configured (RingCx:Sources): its recordings cannot be fetched");
    }

    private string InsideLanding(string relativePath)
    {
        var full = _landing.FullPath(relativePath);
        var root = _landing.RootPath.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal)
            ? full
            : throw new InvalidDataException($"recorded path '{ErrorText.Bound(relativePath, 200)}' is outside the landing root {_landing.RootPath}; refusing to touch it.");
    }

    private static RecordingTarget Target(PendingSegment s) => new(s.SubAccountId, s.InteractionId, s.SegmentId, s.DialogId, s.RecordingUrl);

    private static string Describe(SourceOptions source, PendingSegment segment) =>
        $"source '{source.Name}' recording of segment {segment.InteractionId}/{segment.SegmentId}";

    private static string Describe(RingCxResponse response, PendingSegment segment) =>
        $"{response.Method} {response.Path} (segment {segment.InteractionId}/{segment.SegmentId})";

    private static LandingRequest LandingFor(SourceOptions source, PendingSegment segment, string report, RingCxResponse response) => new(
        source.Name, segment.SubAccountId, null, report, source.ApiGeneration.ToString(), "", "UTC", segment.SegmentStartUtc, segment.SegmentEndUtc,
        response.Method, response.Path, null);

    private async Task ReportAsync(TextWriter? progress, string line)
    {
        if (progress is null)
        {
            _logger.LogInformation("{Progress}", line);
        }
        else
        {
            await progress.WriteLineAsync(line);
        }
    }
}
