namespace RcWarehouse.Core.Parsing;

/// <summary>A value of a field the report does not know, read from an XML attribute or leaf element, with its name and line.</summary>
internal readonly record struct XmlOtherValue(string Name, string Text, long Line);
