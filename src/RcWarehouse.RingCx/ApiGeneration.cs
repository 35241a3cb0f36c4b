namespace RcWarehouse.RingCx;

/// <summary>Which generation of RingCX integration endpoints a source uses (see ringcx-api.md).</summary>
public enum ApiGeneration
{
    /// <summary><c>/voice/api/integration/v1|v2/admin/...</c>: CSV or XML aggregates, no end date, metadata at most 1 h.</summary>
    Legacy,

    /// <summary><c>/voice/api/cx/integration/v1/accounts/{rcAccountId}/sub-accounts/...</c>: JSON, windows of at most 3 h.</summary>
    Cx,
}
