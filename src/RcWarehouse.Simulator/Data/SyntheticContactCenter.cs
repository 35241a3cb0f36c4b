using System.Collections.Concurrent;
using System.Globalization;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Simulator.Data;

namespace RcWarehouse.Simulator;

/// <summary>
/// The synthetic organisation and its traffic, deterministic from the seed. Calls are generated per sub-account and
/// 15-minute UTC slot; every report (any generation, any format) is aggregated from the same calls, so the numbers agree.
/// </summary>
public sealed partial class SyntheticContactCenter
{
    private const int SlotMinutes = 15;
    private const int ServiceLevelSec = 20;
    private const int ShortAbandonSec = 5;

    private static readonly string[] FirstNames = ["Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Liam", "Maya", "Nils", "Olga", "Priya", "Quinn", "Rosa", "Sami", "Tara"];
    private static readonly string[] LastNames = ["Adams", "Brooks", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Khan", "Lopez", "Moreau", "Novak", "Okafor", "Patel"];
    private static readonly string[] QueueTopics = ["Sales", "Billing", "Support", "Retention", "Orders", "Claims", "Tech", "Onboarding"];

    private readonly int _seed;
    private readonly TimeSpan _settleTime;
    private readonly double _volumeScale;
    private readonly TimeZoneInfo _businessZone;
    private readonly ConcurrentDictionary<(int Sub, long SlotTicks), IReadOnlyList<SimCall>> _slots = new();

    public SyntheticContactCenter(int seed, TimeSpan settleTime, int subAccountCount = 2, double volumeScale = 1.0, string businessTimeZone = "America/New_York")
    {
        _seed = seed;
        _settleTime = settleTime;
        _volumeScale = volumeScale;
        _businessZone = TimeZones.TryFind(businessTimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
        SubAccounts = [.. Enumerable.Range(0, Math.Max(1, subAccountCount)).Select(BuildSubAccount)];
    }

    public static string MainAccountId => SimulatorCredentials.DefaultMainAccountId;

    public static string RcAccountId => SimulatorCredentials.DefaultRcAccountId;

    public IReadOnlyList<SimSubAccount> SubAccounts { get; }

    public TimeSpan SettleTime => _settleTime;

    public SimSubAccount? FindSubAccount(string? subAccountId) => SubAccounts.FirstOrDefault(s => s.SubAccountId == subAccountId);

    /// <summary>Every call offered in the 15-minute UTC slot (whether or not it is visible yet).</summary>
    public IReadOnlyList<SimCall> CallsInSlot(SimSubAccount subAccount, DateTime slotStartUtc) =>
        _slots.GetOrAdd((subAccount.Index, slotStartUtc.Ticks), key => GenerateSlot(SubAccounts[key.Sub], new DateTime(key.SlotTicks, DateTimeKind.Utc)));

    /// <summary>Calls that started in [fromUtc, toUtc) and are visible at <paramref name="nowUtc"/> (the provisional view).</summary>
    public IEnumerable<SimCall> VisibleCalls(SimSubAccount subAccount, DateTime fromUtc, DateTime toUtc, DateTime nowUtc)
    {
        var slot = new DateTime(fromUtc.Ticks - (fromUtc.Ticks % TimeSpan.FromMinutes(SlotMinutes).Ticks), DateTimeKind.Utc);
        for (; slot < toUtc && slot <= nowUtc; slot = slot.AddMinutes(SlotMinutes))
        {
            foreach (var call in CallsInSlot(subAccount, slot))
            {
                if (call.StartUtc >= fromUtc && call.StartUtc < toUtc && call.VisibleAtUtc <= nowUtc)
                {
                    yield return call;
                }
            }
        }
    }

    /// <summary>True when every call of the interval is final: it ended at least <see cref="SettleTime"/> ago.</summary>
    public bool IsSettled(DateTime intervalEndUtc, DateTime nowUtc) => intervalEndUtc + _settleTime <= nowUtc;

    private SimSubAccount BuildSubAccount(int index)
    {
        var rng = new DetRandom(_seed, 1, index);
        var subAccountId = SimulatorCredentials.SubAccountIdFor(index);
        var groups = new List<SimAgentGroup>();
        var agents = new List<SimAgent>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        const int groupCount = 3;
        const int agentsPerGroup = 4;
        for (var g = 0; g < groupCount; g++)
        {
            var groupId = (index * 100 + g + 8).ToString(CultureInfo.InvariantCulture);
            groups.Add(new SimAgentGroup(groupId, $"Team {(char)('A' + g)}{(index == 0 ? "" : $" ({index + 1})")}"));
            var supervisorId = AgentIdFor(index, g * 10);
            var memberIds = Enumerable.Range(1, agentsPerGroup).Select(n => AgentIdFor(index, g * 10 + n)).ToList();
            agents.Add(MakeAgent(ref rng, index, g * 10, groupId, isSupervisor: true, supervisors: [], supervisees: memberIds, usedNames));
            foreach (var n in Enumerable.Range(1, agentsPerGroup))
            {
                agents.Add(MakeAgent(ref rng, index, g * 10 + n, groupId, isSupervisor: false, supervisors: [supervisorId], supervisees: [], usedNames));
            }
        }

        var queueGroups = new List<SimQueueGroup>
        {
            new((index * 10 + 1).ToString(CultureInfo.InvariantCulture), "Customer Care", "VOICE"),
            new((index * 10 + 2).ToString(CultureInfo.InvariantCulture), "Commercial", "VOICE"),
        };
        var queues = new List<SimQueueInfo>();
        var nonSupervisors = agents.Where(a => !a.IsSupervisor).Select(a => a.AgentId).ToList();
        for (var q = 0; q < 5; q++)
        {
            var members = nonSupervisors.Where(_ => rng.Chance(0.45)).ToList();
            if (members.Count < 2)
            {
                members = [.. nonSupervisors.Skip(q).Take(3)];
            }

            queues.Add(new SimQueueInfo(
                QueueId: 20000 + index * 100 + q,
                QueueName: $"{QueueTopics[(q + index * 3) % QueueTopics.Length]} {(q < 3 ? "Line" : "Desk")}",
                QueueGroupId: queueGroups[q < 3 ? 0 : 1].QueueGroupId,
                QueueType: "INBOUND",
                CreatedOnUtc: new DateTime(2024, 1 + q, 10 + index, 9, 30, 0, DateTimeKind.Utc),
                AgentIds: members));
        }

        return new SimSubAccount(index, subAccountId, index == 0 ? "Main Contact Center" : $"Partner Center {index}", groups, agents, queueGroups, queues);
    }

    private static long AgentIdFor(int subIndex, int n) => 150000 + subIndex * 1000 + n;

    private static SimAgent MakeAgent(ref DetRandom rng, int subIndex, int n, string groupId, bool isSupervisor, List<long> supervisors, List<long> supervisees, HashSet<string> usedNames)
    {
        string first, last;
        do
        {
            first = FirstNames[rng.Next(0, FirstNames.Length)];
            last = LastNames[rng.Next(0, LastNames.Length)];
        }
        while (!usedNames.Add(first + last));

        var user = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}";
        return new SimAgent(
            AgentId: AgentIdFor(subIndex, n),
            RcUserId: 3_100_000_000L + subIndex * 10_000 + n,
            AgentGroupId: groupId,
            FirstName: first,
            LastName: last,
            UserName: user,
            Email: $"{user}@example.test",
            IsSupervisor: isSupervisor,
            SupervisorAgentIds: supervisors,
            SuperviseeAgentIds: supervisees);
    }

    /// <summary>Expected calls per queue per 15 minutes at a local hour: quiet night, a morning and an afternoon peak.</summary>
    private static double VolumeCurve(double localHour, bool weekend)
    {
        static double Bump(double h, double centre, double height) => height * Math.Exp(-((h - centre) * (h - centre)) / (2 * 1.6 * 1.6));
        var expected = 0.15 + Bump(localHour, 10.5, 5.0) + Bump(localHour, 14.5, 4.0);
        return weekend ? expected * 0.35 : expected;
    }

    private List<SimCall> GenerateSlot(SimSubAccount sub, DateTime slotStartUtc)
    {
        var rng = new DetRandom(_seed, 2, sub.Index, slotStartUtc.Ticks);
        var local = TimeZoneInfo.ConvertTimeFromUtc(slotStartUtc, _businessZone);
        var weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        var calls = new List<SimCall>();
        var sequence = 0;
        foreach (var queue in sub.Queues)
        {
            var weight = 0.6 + (queue.QueueId % 5) * 0.2;
            var count = rng.Poisson(VolumeCurve(local.Hour + local.Minute / 60.0 + 0.125, weekend) * weight * _volumeScale);
            for (var c = 0; c < count; c++)
            {
                calls.Add(GenerateCall(ref rng, sub, queue, slotStartUtc, ++sequence));
            }
        }

        calls.Sort((a, b) => a.StartUtc.CompareTo(b.StartUtc));
        return calls;
    }

    private SimCall GenerateCall(ref DetRandom rng, SimSubAccount sub, SimQueueInfo queue, DateTime slotStartUtc, int sequence)
    {
        var start = slotStartUtc.AddSeconds(rng.Next(0, SlotMinutes * 60)).AddMilliseconds(rng.Next(0, 1000));
        var abandoned = rng.Chance(0.07);
        var wait = abandoned ? rng.Next(1, 90) : (rng.Chance(0.75) ? rng.Next(2, ServiceLevelSec) : rng.Next(ServiceLevelSec, 240));
        var legs = new List<SimLeg>();
        if (!abandoned)
        {
            var firstAgent = queue.AgentIds[rng.Next(0, queue.AgentIds.Count)];
            var transfer = rng.Chance(0.12);
            var legStart = start.AddSeconds(wait);
            var talk = rng.Next(45, 540);
            legs.Add(new SimLeg(2, firstAgent, queue.QueueId, legStart, talk, rng.Next(5, 90), rng.Chance(0.2) ? rng.Next(5_000, 60_000) : 0, transfer, rng.Chance(0.85)));
            if (transfer)
            {
                var others = sub.Queues.Where(q => q.QueueId != queue.QueueId && q.AgentIds.Any(a => a != firstAgent)).ToList();
                if (others.Count > 0)
                {
                    var target = others[rng.Next(0, others.Count)];
                    var candidates = target.AgentIds.Where(a => a != firstAgent).ToList();
                    var second = candidates[rng.Next(0, candidates.Count)];
                    legs.Add(new SimLeg(3, second, target.QueueId, legStart.AddSeconds(talk), rng.Next(30, 420), rng.Next(5, 60), 0, false, rng.Chance(0.85)));
                }
                else
                {
                    legs[0] = legs[0] with { TransferredOut = false };
                }
            }
        }

        var end = legs.Count > 0 ? legs[^1].EndUtc : start.AddSeconds(wait);
        var slotEnd = slotStartUtc.AddMinutes(SlotMinutes);

        // Visible some time after the call ended, and certainly once the slot has settled: until then the slot's
        // numbers keep growing, which is what "provisional" means to the loader.
        var settleBy = slotEnd + _settleTime;
        var visible = end + TimeSpan.FromSeconds(rng.Next(0, 120));
        if (visible > settleBy)
        {
            visible = settleBy;
        }

        return new SimCall(
            InteractionId: string.Create(CultureInfo.InvariantCulture, $"{start:yyyyMMddHHmmssfff}{sub.Index + 1:D2}{sequence:D5}"),
            QueueId: queue.QueueId,
            StartUtc: start,
            WaitSec: wait,
            Abandoned: abandoned,
            CallingAddress: string.Create(CultureInfo.InvariantCulture, $"{rng.Next(201, 989)}{rng.Next(200, 999)}{rng.Next(1000, 9999)}"),
            CalledAddress: string.Create(CultureInfo.InvariantCulture, $"877{sub.Index + 2}{queue.QueueId % 1000:D3}{200 + (queue.QueueId % 7):D3}"),
            VisibleAtUtc: visible,
            Legs: legs);
    }
}
