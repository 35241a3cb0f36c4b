using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using RcWarehouse.Core.Reports;
using RcWarehouse.RingCx.Http;
using RcWarehouse.RingCx.Landing;
using RcWarehouse.Core.Intervals;

namespace RcWarehouse.RingCx.Extraction;

/// <summary>
/// Extract and land: plans the windows, fetches each through the sub-account's budget and the retry pipeline, and lands
/// every complete answer with its manifest before asking for the next. Sub-accounts have their own budgets, so
/// <see cref="ExtractSourceAsync"/> pulls them in parallel.
/// </summary>
public sealed class RingCxExtractor
{
    private readonly RingCxClient _client;
    private readonly LandingZone _landing;
    private readonly ILogger _logger;

    public RingCxExtractor(RingCxClient client, LandingZone landing, ILogger<RingCxExtractor> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _landing = landing;
        _logger = logger;
        Planner = new WindowPlanner(client.Options, client.Time);
    }

    public WindowPlanner Planner { get; }

    public async Task<IReadOnlyList<LandedFile>> ExtractAsync(SourceOptions source, string subAccountId, ReportKind report, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var landed = new List<LandedFile>();
        await foreach (var file in ExtractStreamAsync(source, subAccountId, report, fromUtc, toUtc, cancellationToken))
        {
            landed.Add(file);
        }

        return landed;
    }

    /// <summary>Like <see cref="ExtractAsync"/>, handing out each file as soon as it is landed (for progress displays).</summary>
    public async IAsyncEnumerable<LandedFile> ExtractStreamAsync(
        SourceOptions source, string subAccountId, ReportKind report, DateTime fromUtc, DateTime toUtc, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var windows = Planner.Plan(source, report, fromUtc, toUtc);
        _logger.LogInformation(ExtractionEvents.Planned, source.Name, subAccountId, report.ToName(), windows.Count);
        foreach (var window in windows)
        {
            yield return await FetchAndLandAsync(source, subAccountId, window, cancellationToken);
        }
    }

    /// <summary>Every configured sub-account of the source, in parallel, each report in turn.</summary>
    public async Task<IReadOnlyList<LandedFile>> ExtractSourceAsync(SourceOptions source, IReadOnlyList<ReportKind> reports, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(reports);
        var perSubAccount = await Task.WhenAll(source.SubAccountIds.Select(async sub =>
        {
            var files = new List<LandedFile>();
            foreach (var report in reports)
            {
                files.AddRange(await ExtractAsync(source, sub, report, fromUtc, toUtc, cancellationToken));
            }

            return files;
        }));
        return [.. perSubAccount.SelectMany(f => f)];
    }

    /// <summary>The requests a run would make and when the rate limit would let the last of them go.</summary>
    public ExtractionEstimate Estimate(SourceOptions source, IReadOnlyList<ReportKind> reports, DateTime fromUtc, DateTime toUtc)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(reports);
        var perWindowSet = reports.Sum(r => Planner.Plan(source, r, fromUtc, toUtc).Count);
        var bySub = source.SubAccountIds.ToDictionary(s => s, _ => perWindowSet, StringComparer.Ordinal);
        var now = _client.Time.GetUtcNow();
        var finish = bySub.Count == 0 ? now : bySub.Max(p => _client.ReportLimiter(p.Key).EstimateGrantTime(p.Value));
        return new ExtractionEstimate(bySub.Values.Sum(), bySub, finish, finish - now);
    }

    /// <summary>Fetches and lands one window that was already planned (a caller that plans, counts and reports its own windows).</summary>
    public async Task<LandedFile> FetchAndLandAsync(SourceOptions source, string subAccountId, PlannedWindow window, CancellationToken cancellationToken)
    {
        // For progress displays: the request is about to be made, or to wait this long for the sub-account's budget.
        _logger.LogInformation(ExtractionEvents.Requested,
            window.Report.ToName(), window, source.Name, subAccountId, _client.ReportLimiter(subAccountId).NextPermitDelay());
        var response = await _client.FetchReportAsync(source, subAccountId, window.Report, window, cancellationToken);
        var windowEnd = window.EndUtc;
        if (window.RunsToNow)
        {
            // The legacy answer runs from startDate to the moment it was served, including the interval in progress:
            // the manifest must cover every row in the file.
            var grain = WindowPlanner.Grain(source, window.Report);
            var coveredUntil = WindowPlanner.AlignUp(_client.Time.GetUtcNow().UtcDateTime, TimeZones.Find(source.TimeZone), grain);
            windowEnd = coveredUntil > windowEnd ? coveredUntil : windowEnd;
        }

        var format = RingCxClient.FormatOf(source, window.Report);
        var file = await _landing.LandAsync(new LandingRequest(
            SourceName: source.Name,
            SubAccountId: subAccountId,
            MainAccountId: await _client.GetMainAccountIdAsync(source, cancellationToken),
            Report: window.Report.ToName(),
            ApiGeneration: source.ApiGeneration.ToString(),
            Format: format.ToString().ToLowerInvariant(),
            TimeZone: TimeZones.CanonicalId(source.TimeZone),
            WindowStartUtc: window.StartUtc,
            WindowEndUtc: windowEnd,
            RequestMethod: response.Method,
            RequestPath: response.Path,
            RequestBody: response.RequestBody,
            SettledUntilUtc: window.EndUtc < windowEnd ? window.EndUtc : null), response.Body, cancellationToken) with { SettledUntilUtc = window.EndUtc };
        _logger.LogInformation(ExtractionEvents.Landed,
            window.Report.ToName(), window, source.Name, subAccountId, response.Body.Length, file.Path);
        return file;
    }

    /// <summary>
    /// Lands the reference data of a sub-account as received (agent groups, their agents, queue groups, their queues
    /// with agents) under reports named <c>agent-groups</c>, <c>agents</c>, <c>queue-groups</c> and <c>queues</c>.
    /// The group lists are read from the very bytes landed. The manifest window of a snapshot is its fetch instant.
    /// </summary>
    public async Task<IReadOnlyList<LandedFile>> ExtractReferenceAsync(SourceOptions source, string subAccountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var files = new List<LandedFile>();
        var (agentGroupsFile, agentGroups) = await LandReferenceAsync(source, subAccountId, "agent-groups", RingCxClient.AgentGroupsPath(subAccountId), cancellationToken);
        files.Add(agentGroupsFile);
        foreach (var group in RingCxClient.ReadAgentGroups(agentGroups))
        {
            files.Add((await LandReferenceAsync(source, subAccountId, "agents", RingCxClient.AgentsPath(subAccountId, group.AgentGroupId), cancellationToken)).File);
        }

        var (queueGroupsFile, queueGroups) = await LandReferenceAsync(
            source, subAccountId, "queue-groups", await _client.QueueGroupsPathAsync(source, subAccountId, cancellationToken), cancellationToken);
        files.Add(queueGroupsFile);
        foreach (var group in RingCxClient.ReadQueueGroups(queueGroups))
        {
            var path = await _client.QueuesPathAsync(source, subAccountId, group.QueueGroupId, cancellationToken);
            files.Add((await LandReferenceAsync(source, subAccountId, "queues", path, cancellationToken)).File);
        }

        return files;
    }

    /// <summary>
    /// Lands the account-level reference data of a source: integration users (<c>users</c>) and sub-accounts
    /// (<c>sub-accounts</c>). Their manifests name the main account as the source id.
    /// </summary>
    public async Task<IReadOnlyList<LandedFile>> ExtractAccountReferenceAsync(SourceOptions source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var main = await _client.GetMainAccountIdAsync(source, cancellationToken);
        var users = await LandReferenceAsync(source, main, "users", await _client.UsersPathAsync(source, cancellationToken), cancellationToken);
        var subAccounts = await LandReferenceAsync(source, main, "sub-accounts", await _client.SubAccountsPathAsync(source, cancellationToken), cancellationToken);
        return [users.File, subAccounts.File];
    }

    private async Task<(LandedFile File, RingCxResponse Response)> LandReferenceAsync(
        SourceOptions source, string sourceId, string name, string path, CancellationToken cancellationToken)
    {
        var response = await _client.GetRawAsync(source, path, cancellationToken);
        var at = _client.Time.GetUtcNow().UtcDateTime;
        var file = await _landing.LandAsync(new LandingRequest(
            source.Name, sourceId, await _client.GetMainAccountIdAsync(source, cancellationToken), name, source.ApiGeneration.ToString(), "json",
            TimeZones.CanonicalId(source.TimeZone), at, at, response.Method, response.Path, null), response.Body, cancellationToken);
        return (file, response);
    }
}
