using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.Simulator;

public sealed class SyntheticContactCenterTests
{
    private static readonly DateTime Monday = new(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void SameSeed_GivesTheSameOrganisationAndCalls()
    {
        var a = new SyntheticContactCenter(7, TimeSpan.FromMinutes(15));
        var b = new SyntheticContactCenter(7, TimeSpan.FromMinutes(15));
        var c = new SyntheticContactCenter(8, TimeSpan.FromMinutes(15));
        var slot = Monday.AddHours(15);

        Assert.Equal(a.SubAccounts[0].Agents.Select(x => x.FullName), b.SubAccounts[0].Agents.Select(x => x.FullName));
        Assert.Equal(a.CallsInSlot(a.SubAccounts[0], slot).Select(x => x.InteractionId), b.CallsInSlot(b.SubAccounts[0], slot).Select(x => x.InteractionId));
        Assert.NotEqual(a.CallsInSlot(a.SubAccounts[0], slot).Select(x => x.StartUtc), c.CallsInSlot(c.SubAccounts[0], slot).Select(x => x.StartUtc));
    }

    [Fact]
    public void DailyVolume_HasAQuietNightAndMorningAndAfternoonPeaks()
    {
        var data = new SyntheticContactCenter(42, TimeSpan.FromMinutes(15));
        var sub = data.SubAccounts[0];
        var eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var perLocalHour = new int[24];
        for (var slot = Monday; slot < Monday.AddDays(1); slot = slot.AddMinutes(15))
        {
            perLocalHour[TimeZoneInfo.ConvertTimeFromUtc(slot, eastern).Hour] += data.CallsInSlot(sub, slot).Count;
        }

        var night = perLocalHour[1] + perLocalHour[2] + perLocalHour[3] + perLocalHour[4];
        var morningPeak = perLocalHour[10] + perLocalHour[11];
        var lunch = perLocalHour[12];
        var afternoonPeak = perLocalHour[14] + perLocalHour[15];

        Assert.True(morningPeak > 5 * Math.Max(1, night), $"night {night}, morning {morningPeak}");
        Assert.True(afternoonPeak > 5 * Math.Max(1, night), $"night {night}, afternoon {afternoonPeak}");
        Assert.True(morningPeak / 2.0 > lunch * 0.9, $"lunch {lunch} should dip below the morning peak {morningPeak / 2.0}");
    }

    [Fact]
    public void ProvisionalInterval_GrowsUntilSettled_ThenStaysPut()
    {
        var data = new SyntheticContactCenter(42, TimeSpan.FromMinutes(15));
        var sub = data.SubAccounts[0];
        var interval = Monday.AddHours(15);
        long Answered(DateTime now) => data.QueueStats(sub, [interval], 15, now).Sum(q => q.AnswCallCnt + q.AbandCallCnt);

        var during = Answered(interval.AddMinutes(10));
        var justAfter = Answered(interval.AddMinutes(16));
        var settled = Answered(interval.AddMinutes(30));
        var later = Answered(interval.AddHours(5));

        Assert.False(data.IsSettled(interval.AddMinutes(15), interval.AddMinutes(16)));
        Assert.True(during < justAfter && justAfter < settled, $"{during} < {justAfter} < {settled}");
        Assert.Equal(settled, later);
    }

    [Fact]
    public void Organisation_HasTwoSubAccountsWithSupervisedAgentsAndStaffedQueues()
    {
        var data = new SyntheticContactCenter(42, TimeSpan.FromMinutes(15));

        Assert.True(data.SubAccounts.Count >= 2);
        Assert.All(data.SubAccounts, s =>
        {
            Assert.All(s.Agents.Where(a => !a.IsSupervisor), a => Assert.Single(a.SupervisorAgentIds));
            Assert.All(s.Queues, q => Assert.True(q.AgentIds.Count >= 2));
            Assert.True(s.QueueGroups.Count >= 2);
        });
        Assert.Equal(data.SubAccounts.Sum(s => s.Agents.Count), data.SubAccounts.SelectMany(s => s.Agents).Select(a => a.AgentId).Distinct().Count());
    }
}
