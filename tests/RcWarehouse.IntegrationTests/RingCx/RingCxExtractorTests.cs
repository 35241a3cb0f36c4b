using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RcWarehouse.Core.Landing;
using RcWarehouse.Core.Reports;
using RcWarehouse.IntegrationTests.Simulator;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.RingCx.Landing;
using RcWarehouse.Simulator;
using Xunit;

namespace RcWarehouse.IntegrationTests.RingCx;

/// <summary>Extract and land against a simulator on a manual clock fixed at 21:00 UTC, so windows are predictable.</summary>
public sealed partial class RingCxExtractorTests : IAsyncLifetime
{
    private static readonly DateTime Evening = new(2026, 11, 2, 21, 0, 0, DateTimeKind.Utc);
    private readonly ManualTimeProvider _clock = new(Evening);
    private readonly CapturedLogs _logs = new();
    private readonly string _landingRoot = TestClients.TempLanding();
    private SimulatorHost _sim = null!;
    private RingCxClient _client = null!;
    private RingCxExtractor _extractor = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimit = "100/1s" }, _clock, TestContext.Current.CancellationToken);
        _client = new RingCxClient(TestClients.Options(_sim, o => o.RateLimit = "100/1s"), new HttpClient(), _clock, _logs);
        _extractor = new RingCxExtractor(_client, new LandingZone(_landingRoot, _clock), new Logger<RingCxExtractor>(_logs));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _sim.DisposeAsync();
        if (Directory.Exists(_landingRoot))
        {
            Directory.Delete(_landingRoot, recursive: true);
        }
    }

    [GeneratedRegex(@"[/\\]sim[/\\]agent-extended[/\\]2026[/\\]11[/\\]02[/\\]20261102T(\d{4})_([0-9a-f]{12})\.json$")]
    private static partial Regex CxAgentExtendedPath();

    [Fact(Timeout = 30_000)]
    public async Task CxAggregates_LandInThreeHourWindows_WithTheDocumentedLayoutAndManifest()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = TestClients.Source(_sim, ApiGeneration.Cx);

        var files = await _extractor.ExtractAsync(source, source.SubAccountIds[0], ReportKind.AgentExtended, Evening.AddHours(-9), Evening, ct);

        // Settled until 20:55, so the last window stops at the 20:45 boundary.
        Assert.Equal(["1200", "1500", "1800"], files.Select(f => CxAgentExtendedPath().Match(f.Path).Groups[1].Value));
        var last = files[^1];
        var manifest = await LandingManifest.ReadAsync(last.ManifestPath, ct);
        var bytes = await File.ReadAllBytesAsync(last.Path, ct);
        Assert.Equal(Evening.AddHours(-3), manifest.WindowStartUtc);
        Assert.Equal(Evening.AddMinutes(-15), manifest.WindowEndUtc);
        Assert.Equal(("agent-extended", "Cx", "json", "UTC"), (manifest.Report, manifest.ApiGeneration, manifest.Format, manifest.TimeZone));
        Assert.Equal((source.SubAccountIds[0], "sim", _sim.Credentials.MainAccountId), (manifest.SourceId, manifest.SourceName, manifest.MainAccountId));
        Assert.Equal(Path.GetFileName(last.Path), manifest.FileName);
        Assert.Equal(bytes.Length, manifest.ByteCount);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), manifest.Sha256);
        Assert.Equal(Evening, manifest.FetchedAtUtc);
        Assert.Equal("POST", manifest.RequestMethod);
        Assert.EndsWith($"/sub-accounts/{source.SubAccountIds[0]}/agg-agent-extended-stats", manifest.RequestPath, StringComparison.Ordinal);
        Assert.Contains("\"endDate\":\"2026-11-02 20:45:00\"", manifest.RequestBody, StringComparison.Ordinal);
        Assert.Equal(manifest, last.Manifest);
        Assert.Equal(manifest.WindowEndUtc, last.SettledUntilUtc);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("csv")]
    [InlineData("xml")]
    public async Task LegacyAggregate_IsOneRequestRunningToNow_AndTheManifestCoversEveryRow(string format)
    {
        var ct = TestContext.Current.CancellationToken;
        var source = TestClients.Source(_sim, ApiGeneration.Legacy, format: format, timeZone: "US/Eastern");

        var file = Assert.Single(await _extractor.ExtractAsync(source, source.SubAccountIds[1], ReportKind.QueueStats, Evening.AddHours(-6), Evening.AddHours(-1), ct));
        var text = await File.ReadAllTextAsync(file.Path, ct);

        Assert.EndsWith("." + format, file.Path, StringComparison.Ordinal);
        Assert.Equal(Evening.AddHours(-6), file.Manifest.WindowStartUtc);
        Assert.Equal(Evening, file.Manifest.WindowEndUtc);
        Assert.Equal(Evening.AddHours(-1), file.SettledUntilUtc);
        Assert.Equal("America/New_York", file.Manifest.TimeZone);
        Assert.Contains("\"startDate\":\"2026-11-02 10:00:00\"", file.Manifest.RequestBody, StringComparison.Ordinal);
        Assert.Contains(format == "csv" ? "2026-11-02,15:45" : "<time>15:45</time>", text, StringComparison.Ordinal);
    }

    [Theory(Timeout = 30_000)]
    [InlineData(ApiGeneration.Legacy, 3)]
    [InlineData(ApiGeneration.Cx, 1)]
    public async Task Segments_AreCutIntoTheGenerationsLargestWindows_EndingFifteenMinutesBeforeNow(ApiGeneration generation, int expectedFiles)
    {
        var ct = TestContext.Current.CancellationToken;
        var source = TestClients.Source(_sim, generation);

        var files = await _extractor.ExtractAsync(source, source.SubAccountIds[0], ReportKind.Segments, Evening.AddHours(-3), Evening, ct);

        Assert.Equal(expectedFiles, files.Count);
        Assert.Equal(Evening.AddMinutes(-15), files[^1].Manifest.WindowEndUtc);
        Assert.All(files, f => Assert.Equal("segments", f.Manifest.Report));
        Assert.All(files, f => Assert.Equal("json", f.Manifest.Format));
    }

    [Fact(Timeout = 30_000)]
    public async Task Refetch_LandsANewFile_AndNeverOverwrites()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = TestClients.Source(_sim, ApiGeneration.Cx);

        var first = Assert.Single(await _extractor.ExtractAsync(source, source.SubAccountIds[0], ReportKind.QueueStats, Evening.AddHours(-3), Evening.AddHours(-2), ct));
        var second = Assert.Single(await _extractor.ExtractAsync(source, source.SubAccountIds[0], ReportKind.QueueStats, Evening.AddHours(-3), Evening.AddHours(-2), ct));

        Assert.NotEqual(first.Path, second.Path);
        Assert.NotEqual(first.Manifest.FetchId, second.Manifest.FetchId);
        Assert.True(File.Exists(first.Path) && File.Exists(second.Path));
        Assert.Empty(Directory.GetFiles(_landingRoot, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact(Timeout = 30_000)]
    public async Task Verify_PassesForAnUntouchedFile_AndDetectsTampering()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = TestClients.Source(_sim, ApiGeneration.Legacy);
        var file = Assert.Single(await _extractor.ExtractAsync(source, source.SubAccountIds[0], ReportKind.AgentExtended, Evening.AddHours(-2), Evening, ct));

        var verified = await LandingZone.VerifyAsync(file.Path, ct);
        var bytes = await File.ReadAllBytesAsync(file.Path, ct);
        bytes[^3] = (byte)(bytes[^3] == (byte)'1' ? '2' : '1');
        await File.WriteAllBytesAsync(file.Path, bytes, ct);
        var tampered = await Assert.ThrowsAsync<LandingVerificationException>(() => LandingZone.VerifyAsync(file.Path, ct));
        File.Delete(file.ManifestPath);
        var orphan = await Assert.ThrowsAsync<LandingVerificationException>(() => LandingZone.VerifyAsync(file.Path, ct));

        Assert.Equal(file.Manifest.Sha256, verified.Sha256);
        Assert.Contains(file.Path, tampered.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", tampered.Message, StringComparison.Ordinal);
        Assert.Contains("manifest", orphan.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task SecretsAndTokens_NeverAppearInLogsManifestsOrLandedFiles()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var generation in new[] { ApiGeneration.Legacy, ApiGeneration.Cx })
        {
            var source = TestClients.Source(_sim, generation, name: "sim-" + generation);
            foreach (var report in ReportKindNames.All)
            {
                await _extractor.ExtractAsync(source, source.SubAccountIds[0], report, Evening.AddHours(-2), Evening, ct);
            }

            await _extractor.ExtractReferenceAsync(source, source.SubAccountIds[0], ct);
        }

        // A 401 recovery logs the server's answer: it must not bring a token along. (Faults that need a retry delay
        // would wait forever on this manual clock; they are covered in real time by RingCxFaultTests.)
        _sim.EnqueueFaults(new SimulatedFault(SimulatedFaultKind.TokenExpired));
        await _extractor.ExtractAsync(TestClients.Source(_sim, ApiGeneration.Cx), _sim.Credentials.SubAccountIds[1], ReportKind.QueueStats, Evening.AddHours(-1), Evening, ct);

        var creds = _sim.Credentials;
        string[] secrets =
        [
            creds.ClientSecret, creds.Jwt, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{creds.ClientId}:{creds.ClientSecret}")),
            "rcx-", "rfr-", "plat-", // the simulator's access, refresh and platform token prefixes
        ];
        var landed = Directory.GetFiles(_landingRoot, "*", SearchOption.AllDirectories);
        Assert.Contains(landed, f => f.EndsWith(LandingManifest.Suffix, StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains("401", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, _logs.All, StringComparison.Ordinal);
            foreach (var path in landed)
            {
                Assert.DoesNotContain(secret, await File.ReadAllTextAsync(path, ct), StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain(creds.ClientSecret, _client.Options.ToString() + TestClients.Source(_sim, ApiGeneration.Cx), StringComparison.Ordinal);
    }

    [Fact(Timeout = 30_000)]
    public async Task ReferenceData_ComesTypedInBothGenerations_AndLandsAsJson()
    {
        var ct = TestContext.Current.CancellationToken;
        var legacy = TestClients.Source(_sim, ApiGeneration.Legacy, name: "legacy");
        var cx = TestClients.Source(_sim, ApiGeneration.Cx, name: "cx");
        var sub = _sim.Credentials.SubAccountIds[0];
        var expected = _sim.Data.SubAccounts[0];

        var users = await _client.GetUsersAsync(cx, ct);
        var subAccounts = await _client.GetSubAccountsAsync(cx, ct);
        var groups = await _client.GetAgentGroupsAsync(cx, sub, ct);
        var agents = (await Task.WhenAll(groups.Select(g => _client.GetAgentsAsync(cx, sub, g.AgentGroupId, ct)))).SelectMany(a => a).ToList();
        var legacyQueueGroups = await _client.GetQueueGroupsAsync(legacy, sub, ct);
        var cxQueueGroups = await _client.GetQueueGroupsAsync(cx, sub, ct);
        var legacyQueues = await _client.GetQueuesWithAgentsAsync(legacy, sub, legacyQueueGroups[0].QueueGroupId, ct);
        var cxQueues = await _client.GetQueuesWithAgentsAsync(cx, sub, cxQueueGroups[0].QueueGroupId, ct);
        int ApiCalls() => _sim.RequestLog.Records.Count(r => r.Path.Contains("/voice/api/", StringComparison.Ordinal));
        var callsBefore = ApiCalls();
        var landed = await _extractor.ExtractReferenceAsync(cx, sub, ct);
        var accountLevel = await _extractor.ExtractAccountReferenceAsync(legacy, ct);
        var extractionCalls = ApiCalls() - callsBefore;

        Assert.Equal(_sim.Data.SubAccounts.Sum(s => s.Agents.Count), users.Count);
        Assert.Equal(_sim.Credentials.SubAccountIds, subAccounts.Select(s => s.SubAccountId));
        Assert.Equal(expected.Agents.Select(a => a.AgentId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), agents.Select(a => a.AgentId).Order());
        Assert.All(agents.Where(a => a.AgentType == "AGENT"), a => Assert.Single(a.SupervisorAgentIds));
        Assert.All(agents, a => Assert.True(long.Parse(a.RcUserId!, System.Globalization.CultureInfo.InvariantCulture) > int.MaxValue));
        Assert.Equal(legacyQueueGroups.Select(g => g.QueueGroupId), cxQueueGroups.Select(g => g.QueueGroupId));
        Assert.Equal("VOICE", cxQueueGroups[0].QueueGroupType);
        Assert.Equal(legacyQueues.Select(q => (q.QueueId, string.Join(",", q.AgentIds))), cxQueues.Select(q => (q.QueueId, string.Join(",", q.AgentIds))));
        Assert.Equal(
            ["agent-groups", "agents", "queue-groups", "queues"],
            landed.Select(f => f.Manifest.Report).Distinct());
        Assert.Equal(1 + groups.Count + 1 + cxQueueGroups.Count, landed.Count);
        Assert.Equal(["users", "sub-accounts"], accountLevel.Select(f => f.Manifest.Report));
        Assert.All(accountLevel, f => Assert.Equal(_sim.Credentials.MainAccountId, f.Manifest.SourceId));
        Assert.Equal(landed.Count + accountLevel.Count, extractionCalls); // one request per landed file, nothing fetched twice
    }
}
