using System.Globalization;
using System.Text;

namespace RcWarehouse.Warehouse.Sqlite.Publish;

/// <summary>
/// The VALUES rows of a multi-row statement, the only part of a statement generated for a row count: row r binds its
/// column i as @r{r}c{i} (<see cref="MultiRowStatement"/> finds the parameters by those names once, at prepare time).
/// The rest of each statement is written out in its report's file.
/// </summary>
internal static class SqliteValueRows
{
    /// <summary>Positional-looking names keep a 100-row statement's text short; row r, column i.</summary>
    public static string Parameter(int row, int column) => string.Create(CultureInfo.InvariantCulture, $"@r{row}c{column}");

    /// <summary>
    /// <c>(prefix@r0c0, @r0c1, ...suffix),</c> then one such row per line, aligned under the first: <paramref name="rows"/>
    /// rows of <paramref name="columns"/> parameters, each framed by the statement's constants (<c>@source_key, </c> say).
    /// </summary>
    public static string Of(int rows, int columns, string prefix = "", string suffix = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        var sb = new StringBuilder();
        for (var r = 0; r < rows; r++)
        {
            sb.Append(r == 0 ? "(" : ",\n       (").Append(prefix);
            for (var i = 0; i < columns; i++)
            {
                sb.Append(i == 0 ? string.Empty : ", ").Append(Parameter(r, i));
            }

            sb.Append(suffix).Append(')');
        }

        return sb.ToString();
    }
}
