using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace RcWarehouse.Tests.Warehouse;

internal static class TSql
{
    public static (TSqlFragment Fragment, IList<ParseError> Errors) Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        return (fragment, errors);
    }

    public static string Describe(IEnumerable<ParseError> errors) =>
        string.Join("; ", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"));
}
