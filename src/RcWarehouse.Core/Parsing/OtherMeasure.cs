namespace RcWarehouse.Core.Parsing;

/// <summary>
/// A numeric field of a report that the loader has no column for, kept by name (<see cref="OtherMeasureRules.Normalize"/>)
/// so that a field RingCX adds later is stored rather than lost.
/// </summary>
public readonly record struct OtherMeasure(string Name, decimal Value);
