using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RcWarehouse.Simulator.Hosting;

namespace RcWarehouse.Simulator.Reference;

/// <summary>Users, sub-accounts, agent groups, agents and queue (gate) groups, in both generations' shapes.</summary>
internal static class ReferenceEndpoints
{
    private const string Legacy = "/voice/api/integration/v1/admin";
    private const string Cx = "/voice/api/cx/integration/v1/accounts/{rcAccountId}/sub-accounts/{subAccountId}";
    private const string EnvId = "sim-env-1";

    public static void Map(WebApplication app, SimulatorState state)
    {
        app.MapGet(Legacy + "/users/{mainAccountId}", (RequestDelegate)(ctx => UsersAsync(ctx, state)));
        app.MapGet(Legacy + "/accounts/{mainAccountId}/subaccounts", (RequestDelegate)(ctx => SubAccountsAsync(ctx, state)));
        app.MapGet(Legacy + "/accounts/{subAccountId}/agentGroups", (RequestDelegate)(ctx => WithSubAccount(ctx, state, sub => HttpAnswers.JsonAsync(ctx, w => Array(w, sub.AgentGroups, g =>
        {
            w.WriteNumber("agentGroupId", long.Parse(g.AgentGroupId, CultureInfo.InvariantCulture));
            w.WriteString("groupName", g.GroupName);
        })))));
        app.MapGet(Legacy + "/accounts/{subAccountId}/agentGroups/{agentGroupId}/agents", (RequestDelegate)(ctx => WithSubAccount(ctx, state, sub => AgentsAsync(ctx, state, sub))));
        app.MapGet(Legacy + "/accounts/{subAccountId}/gateGroups", (RequestDelegate)(ctx => WithSubAccount(ctx, state, sub => HttpAnswers.JsonAsync(ctx, w => Array(w, sub.QueueGroups, g =>
        {
            w.WriteNumber("gateGroupId", long.Parse(g.QueueGroupId, CultureInfo.InvariantCulture));
            w.WriteString("groupName", g.GroupName);
        })))));
        app.MapGet(Legacy + "/accounts/{subAccountId}/gateGroups/{gateGroupId}/withAgents", (RequestDelegate)(ctx => WithSubAccount(ctx, state, sub =>
            QueuesAsync(ctx, state, sub, ctx.GetRouteValue("gateGroupId") as string, current: false))));

        app.MapGet(Cx + "/queue-groups", (RequestDelegate)(ctx => WithSubAccount(ctx, state, sub => HttpAnswers.JsonAsync(ctx, w => Array(w, sub.QueueGroups, g =>
        {
            w.WriteString("queueGroupId", g.QueueGroupId);
            w.WriteString("groupName", g.GroupName);
            w.WriteString("queueGroupType", g.QueueGroupType);
        })))));
        app.MapGet(Cx + "/queue-groups/{queueGroupId}/with-agents", (RequestDelegate)(ctx => WithSubAccount(ctx, state, sub =>
            QueuesAsync(ctx, state, sub, ctx.GetRouteValue("queueGroupId") as string, current: true))));
    }

    /// <summary>Runs <paramref name="answer"/> when the path's account ids belong to the simulated main account; 403 otherwise.</summary>
    public static Task WithSubAccount(HttpContext ctx, SimulatorState state, Func<SimSubAccount, Task> answer)
    {
        var rcAccountId = ctx.GetRouteValue("rcAccountId") as string;
        if (rcAccountId is not null && rcAccountId != state.Credentials.RcAccountId)
        {
            return HttpAnswers.ForbiddenAsync(ctx, state.Time, $"Account {rcAccountId} is not accessible with this token.");
        }

        var sub = state.Data.FindSubAccount(ctx.GetRouteValue("subAccountId") as string);
        return sub is null
            ? HttpAnswers.ForbiddenAsync(ctx, state.Time, $"Sub-account {ctx.GetRouteValue("subAccountId")} is not accessible with this token.")
            : answer(sub);
    }

    private static Task UsersAsync(HttpContext ctx, SimulatorState state)
    {
        if (ctx.GetRouteValue("mainAccountId") as string != state.Credentials.MainAccountId)
        {
            return HttpAnswers.ForbiddenAsync(ctx, state.Time, "Main account is not accessible with this token.");
        }

        return HttpAnswers.JsonAsync(ctx, w => Array(w, state.Data.SubAccounts.SelectMany(s => s.Agents.Select(a => (s, a))), pair =>
        {
            var (sub, agent) = pair;
            w.WriteNumber("rcUserId", agent.RcUserId);
            w.WriteNumber("userId", agent.AgentId + 500000);
            w.WriteString("engageUserName", $"{agent.UserName}.{sub.SubAccountId}");
            w.WriteString("userName", agent.UserName);
            w.WriteString("email", agent.Email);
            w.WriteString("firstName", agent.FirstName);
            w.WriteString("lastName", agent.LastName);
            w.WriteString("parentPath", $"/{state.Credentials.MainAccountId}/{sub.SubAccountId}/");
            w.WriteString("envID", EnvId);
        }));
    }

    private static Task SubAccountsAsync(HttpContext ctx, SimulatorState state)
    {
        if (ctx.GetRouteValue("mainAccountId") as string != state.Credentials.MainAccountId)
        {
            return HttpAnswers.ForbiddenAsync(ctx, state.Time, "Main account is not accessible with this token.");
        }

        return HttpAnswers.JsonAsync(ctx, w => Array(w, state.Data.SubAccounts, s =>
        {
            w.WriteString("subAccountId", s.SubAccountId);
            w.WriteString("subAccountName", s.Name);
            w.WriteBoolean("isActive", true);
        }));
    }

    private static Task AgentsAsync(HttpContext ctx, SimulatorState state, SimSubAccount sub)
    {
        var groupId = ctx.GetRouteValue("agentGroupId") as string;
        if (sub.AgentGroups.All(g => g.AgentGroupId != groupId))
        {
            return HttpAnswers.InvalidAsync(ctx, state.Time, "agentGroupId", "Unknown agent group", groupId);
        }

        return HttpAnswers.JsonAsync(ctx, w => Array(w, sub.Agents.Where(a => a.AgentGroupId == groupId), a =>
        {
            w.WriteNumber("rcUserId", a.RcUserId);
            w.WriteNumber("agentId", a.AgentId);
            w.WriteNumber("agentGroupId", long.Parse(a.AgentGroupId, CultureInfo.InvariantCulture));
            w.WriteString("firstName", a.FirstName);
            w.WriteString("lastName", a.LastName);
            w.WriteString("engageUserName", $"{a.UserName}.{sub.SubAccountId}");
            w.WriteString("userName", a.UserName);
            w.WriteString("email", a.Email);
            w.WriteString("agentType", a.IsSupervisor ? "SUPERVISOR" : "AGENT");
            w.WriteBoolean("isActive", true);
            Numbers(w, "supervisorAgentIds", a.SupervisorAgentIds);
            Numbers(w, "superviseeAgentIds", a.SuperviseeAgentIds);
            w.WriteString("envID", EnvId);
        }));
    }

    private static Task QueuesAsync(HttpContext ctx, SimulatorState state, SimSubAccount sub, string? groupId, bool current)
    {
        if (sub.QueueGroups.All(g => g.QueueGroupId != groupId))
        {
            return HttpAnswers.InvalidAsync(ctx, state.Time, current ? "queueGroupId" : "gateGroupId", "Unknown queue group", groupId);
        }

        return HttpAnswers.JsonAsync(ctx, w => Array(w, sub.Queues.Where(q => q.QueueGroupId == groupId), q =>
        {
            var created = q.CreatedOnUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            if (current)
            {
                w.WriteString("queueId", q.QueueId.ToString(CultureInfo.InvariantCulture));
                w.WriteString("queueType", "VOICE");
                w.WriteString("queueName", q.QueueName);
                w.WriteString("queueGroupId", q.QueueGroupId);
                w.WriteBoolean("isActive", true);
                w.WriteString("createdOn", created);
                w.WriteStartArray("agentIds");
                foreach (var id in q.AgentIds)
                {
                    w.WriteStringValue(id.ToString(CultureInfo.InvariantCulture));
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteNumber("queueId", q.QueueId);
                w.WriteString("queueName", q.QueueName);
                w.WriteNumber("gateGroupId", long.Parse(q.QueueGroupId, CultureInfo.InvariantCulture));
                w.WriteBoolean("isActive", true);
                w.WriteString("createdOn", created);
                Numbers(w, "agentIds", q.AgentIds);
            }
        }));
    }

    private static void Array<T>(Utf8JsonWriter w, IEnumerable<T> items, Action<T> writeFields)
    {
        w.WriteStartArray();
        foreach (var item in items)
        {
            w.WriteStartObject();
            writeFields(item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Numbers(Utf8JsonWriter w, string name, IEnumerable<long> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }
}
