namespace RcWarehouse.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The work failed (bad file, database error, API error); the failure is recorded where it can be.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong (unknown option, missing value).</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl+C or SIGTERM; the batch in flight was rolled back.</summary>
    public const int Cancelled = 130;
}
