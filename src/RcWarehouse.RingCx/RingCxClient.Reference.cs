using System.Text.Json;
using RcWarehouse.Core.Reference;
using RcWarehouse.RingCx.Http;

namespace RcWarehouse.RingCx;

public sealed partial class RingCxClient
{
    // Agents, agent groups, users and sub-accounts come from the legacy admin paths in both generations (documented);
    // queue groups come from the source's own generation.

    public async Task<IReadOnlyList<RingCxUser>> GetUsersAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        var main = Uri.EscapeDataString(await GetMainAccountIdAsync(source, cancellationToken));
        return await GetListAsync(source, $"voice/api/integration/v1/admin/users/{main}", e => ReferenceJson.User(e), cancellationToken);
    }

    public async Task<IReadOnlyList<RingCxSubAccount>> GetSubAccountsAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        var main = Uri.EscapeDataString(await GetMainAccountIdAsync(source, cancellationToken));
        return await GetListAsync(source, $"voice/api/integration/v1/admin/accounts/{main}/subaccounts", e => ReferenceJson.SubAccount(e), cancellationToken);
    }

    public Task<IReadOnlyList<RingCxAgentGroup>> GetAgentGroupsAsync(SourceOptions source, string subAccountId, CancellationToken cancellationToken) =>
        GetListAsync(source, $"voice/api/integration/v1/admin/accounts/{Uri.EscapeDataString(subAccountId)}/agentGroups",
            e => ReferenceJson.AgentGroup(e), cancellationToken);

    public Task<IReadOnlyList<RingCxAgent>> GetAgentsAsync(SourceOptions source, string subAccountId, string agentGroupId, CancellationToken cancellationToken) =>
        GetListAsync(source, $"voice/api/integration/v1/admin/accounts/{Uri.EscapeDataString(subAccountId)}/agentGroups/{Uri.EscapeDataString(agentGroupId)}/agents",
            e => ReferenceJson.Agent(e, agentGroupId),
            cancellationToken);

    /// <summary>Queue (gate) groups: <c>gateGroups</c> in the legacy generation, <c>queue-groups</c> in the current one.</summary>
    public async Task<IReadOnlyList<RingCxQueueGroup>> GetQueueGroupsAsync(SourceOptions source, string subAccountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.ApiGeneration == ApiGeneration.Legacy)
        {
            return await GetListAsync(source, $"voice/api/integration/v1/admin/accounts/{Uri.EscapeDataString(subAccountId)}/gateGroups",
                e => ReferenceJson.QueueGroup(e), cancellationToken);
        }

        return await GetListAsync(source, $"{await CxPrefixAsync(source, subAccountId, cancellationToken)}/queue-groups",
            e => ReferenceJson.QueueGroup(e), cancellationToken);
    }

    /// <summary>Every queue of a group with its agents, in one call.</summary>
    public async Task<IReadOnlyList<RingCxQueueInfo>> GetQueuesWithAgentsAsync(SourceOptions source, string subAccountId, string queueGroupId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = source.ApiGeneration == ApiGeneration.Legacy
            ? $"voice/api/integration/v1/admin/accounts/{Uri.EscapeDataString(subAccountId)}/gateGroups/{Uri.EscapeDataString(queueGroupId)}/withAgents"
            : $"{await CxPrefixAsync(source, subAccountId, cancellationToken)}/queue-groups/{Uri.EscapeDataString(queueGroupId)}/with-agents";
        return await GetListAsync(source, path, e => ReferenceJson.Queue(e, queueGroupId), cancellationToken);
    }

    /// <summary>A reference-data answer as received (for landing), through the source's reference budget.</summary>
    public Task<RingCxResponse> GetRawAsync(SourceOptions source, string relativePath, CancellationToken cancellationToken) =>
        SendAsync(source, new RingCxRequest(HttpMethod.Get, RingCxUrl(relativePath)), ReferenceLimiter(source), cancellationToken);

    private async Task<string> CxPrefixAsync(SourceOptions source, string subAccountId, CancellationToken cancellationToken) =>
        $"voice/api/cx/integration/v1/accounts/{Uri.EscapeDataString(await GetRcAccountIdAsync(source, cancellationToken))}/sub-accounts/{Uri.EscapeDataString(subAccountId)}";

    private async Task<IReadOnlyList<T>> GetListAsync<T>(SourceOptions source, string relativePath, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var response = await GetRawAsync(source, relativePath, cancellationToken);
        using var json = JsonDocument.Parse(response.Body);
        if (json.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"GET {response.Path}: expected a JSON array, got {json.RootElement.ValueKind}.");
        }

        return [.. json.RootElement.EnumerateArray().Select(read)];
    }
}
