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

    public DimensionKeys(SqliteConnection connection, SqliteTransaction? transaction, StageMembers members, long sourceKey)
    {
        Members = members;
        _names = new MemberCollector(members);
        _selectVersions = Prepare(connection, transaction, SqliteStatements.SelectVersions(members), sourceKey, "@id");
        _infer = Prepare(connection, transaction, SqliteStatements.InferMember(members), sourceKey, "@id", "@attribute");
    }

    public StageMembers Members { get; }

    /// <summary>The key of the member's version valid at <paramref name="timeText"/> (the warehouse's UTC text), or null when none is.</summary>
    public long? Resolve(string id, string? attribute, string timeText)
    {
        if (!_members.TryGetValue(id, out var member))
        {
            member = Load(id, attribute);
            _members.Add(id, member);
            _names.Add(id, attribute);
        }
        else if (!string.Equals(member.LastAttribute, attribute, StringComparison.Ordinal))
        {
            member.LastAttribute = attribute;
            _names.Add(id, attribute);
        }

        foreach (var version in member.Versions)
        {
            if (string.CompareOrdinal(version.ValidFrom, timeText) <= 0 && string.CompareOrdinal(timeText, version.ValidTo) < 0)
            {
                return version.Key;
            }
        }

        return null;
    }

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
                versions.Add(new Version(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        if (versions.Count == 0)
        {
            _infer.Parameters["@id"].Value = id;
            _infer.Parameters["@attribute"].Value = (object?)attribute ?? DBNull.Value;
            var key = (long)_infer.ExecuteScalar()!;
            versions.Add(new Version(SqliteStatements.MinValidFromText, SqliteStatements.MaxValidToText, key));
        }

        return new Member([.. versions], attribute);
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

    private sealed record Version(string ValidFrom, string ValidTo, long Key);

    private sealed class Member(Version[] versions, string? lastAttribute)
    {
        public Version[] Versions { get; } = versions;

        public string? LastAttribute { get; set; } = lastAttribute;
    }
}
