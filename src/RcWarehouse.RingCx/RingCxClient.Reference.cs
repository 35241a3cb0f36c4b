using System.Text.Json;
using RcWarehouse.Core.Reference;
using RcWarehouse.RingCx.Http;

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
        SendAsync(source, new RingCxRequest(HttpMethod.Get, RingCxUrl(source, relativePath)), ReferenceLimiter(source), cancellationToken);

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

    internal static IReadOnlyList<RingCxUser> ReadUsers(RingCxResponse response) => ReadList(response, e => ReferenceJson.User(e));

    internal static IReadOnlyList<RingCxSubAccount> ReadSubAccounts(RingCxResponse response) => ReadList(response, e => ReferenceJson.SubAccount(e));

    internal static IReadOnlyList<RingCxAgentGroup> ReadAgentGroups(RingCxResponse response) => ReadList(response, e => ReferenceJson.AgentGroup(e));

    internal static IReadOnlyList<RingCxAgent> ReadAgents(RingCxResponse response, string agentGroupId) => ReadList(response, e => ReferenceJson.Agent(e, agentGroupId));

    internal static IReadOnlyList<RingCxQueueGroup> ReadQueueGroups(RingCxResponse response) => ReadList(response, e => ReferenceJson.QueueGroup(e));

    internal static IReadOnlyList<RingCxQueueInfo> ReadQueues(RingCxResponse response, string queueGroupId) => ReadList(response, e => ReferenceJson.Queue(e, queueGroupId));

    private static IReadOnlyList<T> ReadList<T>(RingCxResponse response, Func<JsonElement, T> read)
    {
        using var json = JsonDocument.Parse(response.Body);
        if (json.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{response.Method} {response.Path}: expected a JSON array, got {json.RootElement.ValueKind}.");
        }

        return [.. json.RootElement.EnumerateArray().Select(read)];
    }
}
