namespace RcWarehouse.Warehouse;

/// <summary>
/// How a segment field marked personal (<c>Warehouse:SegmentPersonalFields:{fieldName}</c>) is protected under
/// <see cref="PersonalDataMode"/>.
/// </summary>
public enum PersonalFieldKind
{
    /// <summary>Like agent notes: Mask stores <c>[redacted]</c>, Hash the HMAC of the whole text.</summary>
    Text,

    /// <summary>Like phone numbers: Mask keeps the last four digits, Hash the HMAC of the trimmed text.</summary>
    Address,
}
