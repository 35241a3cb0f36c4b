namespace RcWarehouse.Core.Parsing;

/// <summary>A field value read from an XML attribute or leaf element, with the name and line it was found under.</summary>
internal readonly record struct XmlFieldValue(AggregateField Field, string Name, string Text, long Line);
