using System.Data.Common;
using System.Globalization;
using System.Text;

namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// The one wording of a batch that repeats a grain, whichever engine or step found it: the repeated keys (ids and
/// interval keys only, never measures or personal data) and how often each appears.
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>Reads a duplicate check: the grain columns, then the number of copies, one row per repeated key.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(DbCommand check, CancellationToken cancellationToken)
    {
        var duplicates = new List<string>();
        await using var reader = await check.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var keys = new StringBuilder();
            for (var i = 0; i < reader.FieldCount - 1; i++)
            {
                keys.Append(i == 0 ? string.Empty : ", ").Append(reader.GetName(i)).Append('=').Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
            }

            duplicates.Add(string.Create(CultureInfo.InvariantCulture, $"{keys} ({reader.GetValue(reader.FieldCount - 1)} rows)"));
        }

        return duplicates;
    }

    public static InvalidDataException Refusal(IReadOnlyList<string> duplicates) =>
        BatchRowErrors.Refused(duplicates.Count > 0
            ? $"The batch carries the same key more than once: {string.Join("; ", duplicates)}."
            : "The batch carries the same key more than once.");
}
