namespace RcWarehouse.Cli.Recordings;

/// <summary>
/// What <c>prune</c> did: rows marked pruned, audio files deleted (and their bytes), files kept for a newer segment, and
/// temporary files an interrupted run left behind, deleted (and their bytes).
/// </summary>
public sealed record PruneSummary(DateTime CutoffUtc, int RowsMarked, int FilesDeleted, long BytesFreed, int FilesKeptForNewerSegments, int TempFilesDeleted = 0, long TempBytesFreed = 0);
