namespace RcWarehouse.Cli.Progress;

/// <summary>Which step finishes a window for the command: landing (extract) or loading (sync, rerun, backfill, demo).</summary>
public enum WindowProgressMode
{
    LandOnly,
    LandAndLoad,
}
