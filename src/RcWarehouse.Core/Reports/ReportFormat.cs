namespace RcWarehouse.Core.Reports;

/// <summary>The file formats RingCX answers in: CSV and XML (legacy aggregate reports), JSON (current generation and all segment metadata).</summary>
public enum ReportFormat
{
    Csv,
    Xml,
    Json,
}
