using System.Text.Json;
using RcWarehouse.RingCx.Auth;
using RcWarehouse.RingCx.Http;
using RcWarehouse.RingCx.Reference;

namespace RcWarehouse.RingCx;

public sealed partial class RingCxClient
{
    // Agents, agent groups, users and sub-accounts come from the legacy admin paths in both generations (documented);
    // queue groups come from the source's own generation.

    public async Task<IReadOnlyList<RingCxUser>> GetUsersAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        var main = Uri.EscapeDataString(await GetMainAccountIdAsync(source, cancellationToken));
        return await GetListAsync(source, $"voice/api/integration/v1/admin/users/{main}", e => new RingCxUser(
            Text(e, "rcUserId") ?? "", Text(e, "userId"), Text(e, "engageUserName"), Text(e, "userName"), Text(e, "email"),
            Text(e, "firstName"), Text(e, "lastName"), Text(e, "parentPath"), Text(e, "envID")), cancellationToken);
    }

    public async Task<IReadOnlyList<RingCxSubAccount>> GetSubAccountsAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        var main = Uri.EscapeDataString(await GetMainAccountIdAsync(source, cancellationToken));
        return await GetListAsync(source, $"voice/api/integration/v1/admin/accounts/{main}/subaccounts", e => new RingCxSubAccount(
            Text(e, "subAccountId") ?? "", Text(e, "subAccountName"), Bool(e, "isActive")), cancellationToken);
    }

    public Task<IReadOnlyList<RingCxAgentGroup>> GetAgentGroupsAsync(SourceOptions source, string subAccountId, CancellationToken cancellationToken) =>
        GetListAsync(source, $"voice/api/integration/v1/admin/accounts/{Uri.EscapeDataString(subAccountId)}/agentGroups",
            e => new RingCxAgentGroup(Text(e, "agentGroupId") ?? "", Text(e, "groupName")), cancellationToken);

    public Task<IReadOnlyList<RingCxAgent>> GetAgentsAsync(SourceOptions source, string subAccountId, string agentGroupId, CancellationToken cancellationToken) =>
        GetListAsync(source, $"voice/api/integration/v1/admin/accounts/{Uri.EscapeDataString(subAccountId)}/agentGroups/{Uri.EscapeDataString(agentGroupId)}/agents",
            e => new RingCxAgent(
                Text(e, "agentId") ?? "", Text(e, "rcUserId"), Text(e, "agentGroupId") ?? agentGroupId, Text(e, "firstName"), Text(e, "lastName"),
                Text(e, "engageUserName"), Text(e, "userName"), Text(e, "email"), Text(e, "agentType"), Bool(e, "isActive"),
                Ids(e, "supervisorAgentIds"), Ids(e, "superviseeAgentIds")),
            cancellationToken);

    /// <summary>Queue (gate) groups: <c>gateGroups</c> in the legacy generation, <c>queue-groups</c> in the current one.</summary>
    public async Task<IReadOnlyList<RingCxQueueGroup>> GetQueueGroupsAsync(SourceOptions source, string subAccountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.ApiGeneration == ApiGeneration.Legacy)
        {
            return await GetListAsync(source, $"voice/api/integration/v1/admin/accounts/{Uri.EscapeDataString(subAccountId)}/gateGroups",
                e => new RingCxQueueGroup(Text(e, "gateGroupId") ?? "", Text(e, "groupName"), null), cancellationToken);
        }

        return await GetListAsync(source, $"{await CxPrefixAsync(source, subAccountId, cancellationToken)}/queue-groups",
            e => new RingCxQueueGroup(Text(e, "queueGroupId") ?? "", Text(e, "groupName"), Text(e, "queueGroupType")), cancellationToken);
    }

    /// <summary>Every queue of a group with its agents, in one call.</summary>
    public async Task<IReadOnlyList<RingCxQueueInfo>> GetQueuesWithAgentsAsync(SourceOptions source, string subAccountId, string queueGroupId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var path = source.ApiGeneration == ApiGeneration.Legacy
            ? $"voice/api/integration/v1/admin/accounts/{Uri.EscapeDataString(subAccountId)}/gateGroups/{Uri.EscapeDataString(queueGroupId)}/withAgents"
            : $"{await CxPrefixAsync(source, subAccountId, cancellationToken)}/queue-groups/{Uri.EscapeDataString(queueGroupId)}/with-agents";
        return await GetListAsync(source, path, e => new RingCxQueueInfo(
            Text(e, "queueId") ?? "", Text(e, "queueName"), Text(e, "queueGroupId") ?? Text(e, "gateGroupId") ?? queueGroupId, Text(e, "queueType"),
            Bool(e, "isActive"), Text(e, "createdOn"),
            e.TryGetProperty("agentIds", out _) ? Ids(e, "agentIds") : Ids(e, "agentId")), cancellationToken);
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

    private static string? Text(JsonElement e, string name) => RingCxSession.JsonText(e, name);

    private static bool Bool(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.False && !(v.ValueKind == JsonValueKind.String && v.GetString() == "false");

    private static IReadOnlyList<string> Ids(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText())]
            : [];
}
