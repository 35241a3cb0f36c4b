using System.Globalization;
using System.Text.Json;

namespace RcWarehouse.Core.Reference;

/// <summary>
/// Reads one item of a reference-data answer, whichever generation sent it: ids are kept as text (numbers in the
/// legacy answers, strings in the current ones, some beyond 2^53), flags may be booleans or "true"/"false", and the
/// queue's agent list may be spelled <c>agentIds</c> or <c>agentId</c> (one public example uses the latter).
/// The RingCX client and the landed-file reader share these, so an answer means the same thing fetched or re-read.
/// </summary>
public static class ReferenceJson
{
    public static RingCxUser User(JsonElement e) => new(
        Required(e, "rcUserId"), Text(e, "userId"), Text(e, "engageUserName"), Text(e, "userName"), Text(e, "email"),
        Text(e, "firstName"), Text(e, "lastName"), Text(e, "parentPath"), Text(e, "envID"));

    public static RingCxSubAccount SubAccount(JsonElement e) => new(Required(e, "subAccountId"), Text(e, "subAccountName"), Flag(e, "isActive"));

    public static RingCxAgentGroup AgentGroup(JsonElement e) => new(Required(e, "agentGroupId"), Text(e, "groupName"));

    /// <summary>An agent; <paramref name="agentGroupId"/> (the group whose agents were asked for) is used when the item does not name its group.</summary>
    public static RingCxAgent Agent(JsonElement e, string? agentGroupId = null) => new(
        Required(e, "agentId"), Text(e, "rcUserId"), Text(e, "agentGroupId") ?? agentGroupId, Text(e, "firstName"), Text(e, "lastName"),
        Text(e, "engageUserName"), Text(e, "userName"), Text(e, "email"), Text(e, "agentType"), Flag(e, "isActive"),
        Ids(e, "supervisorAgentIds"), Ids(e, "superviseeAgentIds"));

    /// <summary>A legacy gate group (<c>gateGroupId</c>) or a current queue group (<c>queueGroupId</c>, <c>queueGroupType</c>).</summary>
    public static RingCxQueueGroup QueueGroup(JsonElement e) =>
        new(Text(e, "queueGroupId") ?? Required(e, "gateGroupId"), Text(e, "groupName"), Text(e, "queueGroupType"));

    /// <summary>A queue with its agents; <paramref name="queueGroupId"/> (the group asked for) is used when the item does not name its group.</summary>
    public static RingCxQueueInfo Queue(JsonElement e, string? queueGroupId = null) => new(
        Required(e, "queueId"), Text(e, "queueName"), Text(e, "queueGroupId") ?? Text(e, "gateGroupId") ?? queueGroupId, Text(e, "queueType"),
        Flag(e, "isActive"), Text(e, "createdOn"),
        e.TryGetProperty("agentIds", out _) ? Ids(e, "agentIds") : Ids(e, "agentId"));

    /// <summary>A scalar as text: strings as sent, numbers as their exact digits; null when absent, null or not a scalar.</summary>
    public static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    // Absent means active: the legacy agent list omits the flag for agents it only lists because they are active.
    private static bool Flag(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return true;
        }

        return v.ValueKind switch
        {
            JsonValueKind.False => false,
            JsonValueKind.String => !string.Equals(v.GetString(), "false", StringComparison.OrdinalIgnoreCase) && v.GetString() != "0",
            JsonValueKind.Number => v.GetRawText() != "0",
            _ => true,
        };
    }

    // A single id where a list was expected is taken as a list of one.
    private static IReadOnlyList<string> Ids(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return [];
        }

        return v.ValueKind switch
        {
            JsonValueKind.Array => [.. v.EnumerateArray().Select(IdText).OfType<string>().Distinct(StringComparer.Ordinal)],
            JsonValueKind.String or JsonValueKind.Number => IdText(v) is { } one ? [one] : [],
            _ => [],
        };
    }

    private static string? IdText(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    };

    private static string Required(JsonElement e, string name) =>
        Text(e, name) ?? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"the item has no {name}"));
}
