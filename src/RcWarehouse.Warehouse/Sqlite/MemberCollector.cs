using Microsoft.Data.Sqlite;

namespace RcWarehouse.Warehouse.Sqlite;

/// <summary>
/// The distinct (id, attribute) pairs of one dimension a batch names, bounded by the members, not the rows; written to
/// the member temp table at the end of staging, where inferring and renaming members read a few hundred rows.
/// </summary>
internal sealed class MemberCollector(StageMembers members)
{
    private readonly HashSet<(string Id, string? Attribute)> _seen = [];

    public void Add(string id, string? attribute) => _seen.Add((id, attribute));

    public void Write(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteStatements.InsertMember(members);
        var id = command.Parameters.Add("@id", SqliteType.Text);
        var attribute = command.Parameters.Add("@attribute", SqliteType.Text);
        command.Prepare();
        foreach (var (memberId, memberAttribute) in _seen)
        {
            id.Value = memberId;
            attribute.Value = (object?)memberAttribute ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }
}
