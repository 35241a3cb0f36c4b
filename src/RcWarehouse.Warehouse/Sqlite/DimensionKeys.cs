using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// Resolves one dimension's surrogate keys for a batch, in memory, as rows stream: each member's versions are read once
/// (on its first row), a member no version knows is inserted as an inferred member on the spot, and each row takes the
/// version valid at its time, the newest should versions overlap: the lookup the set-based publish does in SQL, with
/// the same text comparisons. Memory is bounded by the batch's distinct members, not its rows.
/// </summary>
internal sealed class DimensionKeys : IDisposable
{
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);
    private readonly SqliteCommand _selectVersions;
    private readonly SqliteCommand _infer;
    private readonly MemberCollector _names;
    private Member? _last;

    public DimensionKeys(SqliteConnection connection, SqliteTransaction? transaction, StageMembers members, long sourceKey)
    {
        Members = members;
        _names = new MemberCollector(members);
        _selectVersions = Prepare(connection, transaction, SqliteStatements.SelectVersions(members), sourceKey, "@id");
        _infer = Prepare(connection, transaction, SqliteStatements.InferMember(members), sourceKey, "@id", "@attribute");
    }

    public StageMembers Members { get; }

    /// <summary>
    /// The key of the member's version valid at <paramref name="slotTicks"/> (a UTC slot start's ticks), or null when
    /// none is. Rows come slot by slot and each slot lists its members in turn, so the previous row's member is kept
    /// at hand, and versions are compared by ticks; a version whose times are not in the warehouse's own text format
    /// is compared as text, as SQL would.
    /// </summary>
    public long? Resolve(string id, string? attribute, long slotTicks)
    {
        Member? member;
        if (_last is { } last && string.Equals(last.Id, id, StringComparison.Ordinal))
        {
            member = last;
        }
        else if (!_members.TryGetValue(id, out member))
        {
            member = Load(id, attribute);
            _members.Add(id, member);
            _names.Add(id, attribute);
        }

        _last = member;
        if (!string.Equals(member.LastAttribute, attribute, StringComparison.Ordinal))
        {
            member.LastAttribute = attribute;
            _names.Add(id, attribute);
        }

        if (member.FromTicks is { } from && member.ToTicks is { } to)
        {
            for (var i = 0; i < from.Length; i++)
            {
                if (from[i] <= slotTicks && slotTicks < to[i])
                {
                    return member.Versions[i].Key;
                }
            }

            return null;
        }

        var timeText = TimeText(slotTicks);
        foreach (var version in member.Versions)
        {
            if (string.CompareOrdinal(version.ValidFrom, timeText) <= 0 && string.CompareOrdinal(timeText, version.ValidTo) < 0)
            {
                return version.Key;
            }
        }

        return null;
    }

    /// <summary>A slot start as the warehouse's UTC text, what versions are compared with in SQL.</summary>
    public static string TimeText(long slotTicks) => (string)SqliteDialect.ToDb(new DateTime(slotTicks, DateTimeKind.Utc))!;

    /// <summary>Writes the batch's distinct (id, attribute) pairs to the member table the rename statement reads.</summary>
    public void WriteNames(SqliteConnection connection, SqliteTransaction? transaction) => _names.Write(connection, transaction);

    public void Dispose()
    {
        _selectVersions.Dispose();
        _infer.Dispose();
    }

    private Member Load(string id, string? attribute)
    {
        _selectVersions.Parameters["@id"].Value = id;
        var versions = new List<Version>();
        using (var reader = _selectVersions.ExecuteReader())
        {
            while (reader.Read())
            {
                versions.Add(Version.Of(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        if (versions.Count == 0)
        {
            _infer.Parameters["@id"].Value = id;
            _infer.Parameters["@attribute"].Value = (object?)attribute ?? DBNull.Value;
            var key = (long)_infer.ExecuteScalar()!;
            versions.Add(Version.Of(SqliteStatements.MinValidFromText, SqliteStatements.MaxValidToText, key));
        }

        return new Member(id, [.. versions], attribute);
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction? transaction, string sql, long sourceKey, params string[] textParameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("@source_key", sourceKey);
        foreach (var name in textParameters)
        {
            command.Parameters.Add(name, SqliteType.Text);
        }

        command.Prepare();
        return command;
    }

    private static long? Ticks(string text) =>
        DateTime.TryParseExact(text, SqliteDialect.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time.Ticks : null;

    // FromTicks/ToTicks: the times as ticks when the text is in the warehouse's fixed-width format (whose text order is
    // time order), else null.
    private sealed record Version(string ValidFrom, string ValidTo, long Key, long? FromTicks, long? ToTicks)
    {
        public static Version Of(string validFrom, string validTo, long key) => new(validFrom, validTo, key, Ticks(validFrom), Ticks(validTo));
    }

    private sealed class Member(string id, Version[] versions, string? lastAttribute)
    {
        public string Id { get; } = id;

        public Version[] Versions { get; } = versions;

        /// <summary>The versions' times as ticks, or null when any is not in the warehouse's format (compared as text then).</summary>
        public long[]? FromTicks { get; } = Array.TrueForAll(versions, v => v.FromTicks is not null) ? [.. versions.Select(v => v.FromTicks!.Value)] : null;

        public long[]? ToTicks { get; } = Array.TrueForAll(versions, v => v.ToTicks is not null) ? [.. versions.Select(v => v.ToTicks!.Value)] : null;

        public string? LastAttribute { get; set; } = lastAttribute;
    }
}
