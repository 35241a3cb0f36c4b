using System.Text.Json;
using RcWarehouse.RingCx.Auth;
using RcWarehouse.RingCx.Http;
using RcWarehouse.RingCx.Reference;

namespace RcWarehouse.RingCx;

public sealed partial class RingCxClient
{
    // Agents, agent groups, users and sub-accounts come from the legacy admin paths in both generations (documented);
    // queue groups come from the source's own generation. Each typed call is a raw call plus a reader, so the
    // extractor can land the answer as received and read the same bytes.

    public async Task<IReadOnlyList<RingCxUser>> GetUsersAsync(SourceOptions source, CancellationToken cancellationToken) =>
        ReadUsers(await GetRawAsync(source, await UsersPathAsync(source, cancellationToken), cancellationToken));

    public async Task<IReadOnlyList<RingCxSubAccount>> GetSubAccountsAsync(SourceOptions source, CancellationToken cancellationToken) =>
        ReadSubAccounts(await GetRawAsync(source, await SubAccountsPathAsync(source, cancellationToken), cancellationToken));

    public async Task<IReadOnlyList<RingCxAgentGroup>> GetAgentGroupsAsync(SourceOptions source, string subAccountId, CancellationToken cancellationToken) =>
        ReadAgentGroups(await GetRawAsync(source, AgentGroupsPath(subAccountId), cancellationToken));

    public async Task<IReadOnlyList<RingCxAgent>> GetAgentsAsync(SourceOptions source, string subAccountId, string agentGroupId, CancellationToken cancellationToken) =>
        ReadAgents(await GetRawAsync(source, AgentsPath(subAccountId, agentGroupId), cancellationToken), agentGroupId);

    /// <summary>Queue (gate) groups: <c>gateGroups</c> in the legacy generation, <c>queue-groups</c> in the current one.</summary>
    public async Task<IReadOnlyList<RingCxQueueGroup>> GetQueueGroupsAsync(SourceOptions source, string subAccountId, CancellationToken cancellationToken) =>
        ReadQueueGroups(await GetRawAsync(source, await QueueGroupsPathAsync(source, subAccountId, cancellationToken), cancellationToken));

    /// <summary>Every queue of a group with its agents, in one call.</summary>
    public async Task<IReadOnlyList<RingCxQueueInfo>> GetQueuesWithAgentsAsync(SourceOptions source, string subAccountId, string queueGroupId, CancellationToken cancellationToken) =>
        ReadQueues(await GetRawAsync(source, await QueuesPathAsync(source, subAccountId, queueGroupId, cancellationToken), cancellationToken), queueGroupId);

    /// <summary>A reference-data answer as received (for landing), through the source's reference budget.</summary>
    public Task<RingCxResponse> GetRawAsync(SourceOptions source, string relativePath, CancellationToken cancellationToken) =>
        SendAsync(source, new RingCxRequest(HttpMethod.Get, RingCxUrl(relativePath)), ReferenceLimiter(source), cancellationToken);

    internal async Task<string> UsersPathAsync(SourceOptions source, CancellationToken cancellationToken) =>
        $"voice/api/integration/v1/admin/users/{Uri.EscapeDataString(await GetMainAccountIdAsync(source, cancellationToken))}";

    internal async Task<string> SubAccountsPathAsync(SourceOptions source, CancellationToken cancellationToken) =>
        $"voice/api/integration/v1/admin/accounts/{Uri.EscapeDataString(await GetMainAccountIdAsync(source, cancellationToken))}/subaccounts";

    internal static string AgentGroupsPath(string subAccountId) =>
        $"voice/api/integration/v1/admin/accounts/{Uri.EscapeDataString(subAccountId)}/agentGroups";

    internal static string AgentsPath(string subAccountId, string agentGroupId) =>
        $"{AgentGroupsPath(subAccountId)}/{Uri.EscapeDataString(agentGroupId)}/agents";

    internal async Task<string> QueueGroupsPathAsync(SourceOptions source, string subAccountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.ApiGeneration == ApiGeneration.Legacy
            ? $"voice/api/integration/v1/admin/accounts/{Uri.EscapeDataString(subAccountId)}/gateGroups"
            : $"voice/api/cx/integration/v1/accounts/{Uri.EscapeDataString(await GetRcAccountIdAsync(source, cancellationToken))}/sub-accounts/{Uri.EscapeDataString(subAccountId)}/queue-groups";
    }

    internal async Task<string> QueuesPathAsync(SourceOptions source, string subAccountId, string queueGroupId, CancellationToken cancellationToken) =>
        $"{await QueueGroupsPathAsync(source, subAccountId, cancellationToken)}/{Uri.EscapeDataString(queueGroupId)}/{(source.ApiGeneration == ApiGeneration.Legacy ? "withAgents" : "with-agents")}";

    internal static IReadOnlyList<RingCxUser> ReadUsers(RingCxResponse response) => ReadList(response, e => new RingCxUser(
        Text(e, "rcUserId") ?? "", Text(e, "userId"), Text(e, "engageUserName"), Text(e, "userName"), Text(e, "email"),
        Text(e, "firstName"), Text(e, "lastName"), Text(e, "parentPath"), Text(e, "envID")));

    internal static IReadOnlyList<RingCxSubAccount> ReadSubAccounts(RingCxResponse response) => ReadList(response, e => new RingCxSubAccount(
        Text(e, "subAccountId") ?? "", Text(e, "subAccountName"), Bool(e, "isActive")));

    internal static IReadOnlyList<RingCxAgentGroup> ReadAgentGroups(RingCxResponse response) =>
        ReadList(response, e => new RingCxAgentGroup(Text(e, "agentGroupId") ?? "", Text(e, "groupName")));

    internal static IReadOnlyList<RingCxAgent> ReadAgents(RingCxResponse response, string agentGroupId) => ReadList(response, e => new RingCxAgent(
        Text(e, "agentId") ?? "", Text(e, "rcUserId"), Text(e, "agentGroupId") ?? agentGroupId, Text(e, "firstName"), Text(e, "lastName"),
        Text(e, "engageUserName"), Text(e, "userName"), Text(e, "email"), Text(e, "agentType"), Bool(e, "isActive"),
        Ids(e, "supervisorAgentIds"), Ids(e, "superviseeAgentIds")));

    /// <summary>Legacy gate groups (<c>gateGroupId</c>) and current queue groups (<c>queueGroupId</c>, <c>queueGroupType</c>).</summary>
    internal static IReadOnlyList<RingCxQueueGroup> ReadQueueGroups(RingCxResponse response) => ReadList(response, e => new RingCxQueueGroup(
        Text(e, "queueGroupId") ?? Text(e, "gateGroupId") ?? "", Text(e, "groupName"), Text(e, "queueGroupType")));

    /// <summary>One public example spells the member list <c>agentId</c>: both spellings are read.</summary>
    internal static IReadOnlyList<RingCxQueueInfo> ReadQueues(RingCxResponse response, string queueGroupId) => ReadList(response, e => new RingCxQueueInfo(
        Text(e, "queueId") ?? "", Text(e, "queueName"), Text(e, "queueGroupId") ?? Text(e, "gateGroupId") ?? queueGroupId, Text(e, "queueType"),
        Bool(e, "isActive"), Text(e, "createdOn"),
        e.TryGetProperty("agentIds", out _) ? Ids(e, "agentIds") : Ids(e, "agentId")));

    private static IReadOnlyList<T> ReadList<T>(RingCxResponse response, Func<JsonElement, T> read)
    {
        using var json = JsonDocument.Parse(response.Body);
        if (json.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{response.Method} {response.Path}: expected a JSON array, got {json.RootElement.ValueKind}.");
        }

        return [.. json.RootElement.EnumerateArray().Select(read)];
    }

    private static string? Text(JsonElement e, string name) => RingCxSession.JsonText(e, name);

    private static bool Bool(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.False && !(v.ValueKind == JsonValueKind.String && v.GetString() == "false");

    private static IReadOnlyList<string> Ids(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText())]
            : [];
}
