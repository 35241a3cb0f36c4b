namespace RcWarehouse.Warehouse.Recordings;

/// <summary>How many recording/transcript fetches are failing, and how many of them are no longer tried (Recordings:MaxAttempts).</summary>
public sealed record RecordingFailureCounts(int Failing, int GivenUp);
