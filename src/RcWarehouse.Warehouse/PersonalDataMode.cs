namespace RcWarehouse.Warehouse;

/// <summary>How phone numbers (calling and called address) and agent notes are stored: <c>Warehouse:PersonalData</c>.</summary>
public enum PersonalDataMode
{
    /// <summary>As received.</summary>
    Store,

    /// <summary>Numbers keep their last four digits (<c>*******8987</c>); notes become <c>[redacted]</c>.</summary>
    Mask,

    /// <summary>HMAC-SHA256 with <c>Warehouse:PersonalDataSecret</c>, lower-case hex: the same caller always hashes the same, so repeat callers still join.</summary>
    Hash,
}
