namespace RcWarehouse.RingCx.Extraction;

/// <summary>
/// The message templates of the extraction's progress events, written once: the extractor and the window runner log
/// them, and progress displays recognise them by template.
/// </summary>
public static class ExtractionEvents
{
    public const string Planned = "{Source}/{SubAccount} {Report}: {Count} window(s) to fetch";

    public const string Requested = "Requesting {Report} {Window} for {Source}/{SubAccount} (rate-limit wait {Wait})";

    public const string Landed = "Landed {Report} {Window} for {Source}/{SubAccount}: {Bytes} bytes in {File}";

    public const string Loaded = "Loaded {Rows} rows from {File} (batch {Batch}, {Ignored} rows outside the requested window)";
}
