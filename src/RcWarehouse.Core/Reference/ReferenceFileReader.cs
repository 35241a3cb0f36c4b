using System.Globalization;
using System.Text.Json;
using RcWarehouse.Core.Landing;

namespace RcWarehouse.Core.Reference;

/// <summary>
/// Reads landed reference answers back into records, and a sub-account's set of them into a <see cref="ReferenceSnapshot"/>.
/// Reference answers are small (RingCX caps a queue list at 2000 items), so each is read as one JSON document.
/// </summary>
public static class ReferenceFileReader
{
    public static Task<IReadOnlyList<RingCxAgentGroup>> ReadAgentGroupsAsync(string path, CancellationToken cancellationToken) =>
        ReadAsync(path, (e, _) => ReferenceJson.AgentGroup(e), cancellationToken);

    public static Task<IReadOnlyList<RingCxAgent>> ReadAgentsAsync(string path, CancellationToken cancellationToken) =>
        ReadAsync(path, (e, _) => ReferenceJson.Agent(e), cancellationToken);

    public static Task<IReadOnlyList<RingCxQueueGroup>> ReadQueueGroupsAsync(string path, CancellationToken cancellationToken) =>
        ReadAsync(path, (e, _) => ReferenceJson.QueueGroup(e), cancellationToken);

    public static Task<IReadOnlyList<RingCxQueueInfo>> ReadQueuesAsync(string path, CancellationToken cancellationToken) =>
        ReadAsync(path, (e, _) => ReferenceJson.Queue(e), cancellationToken);

    public static Task<IReadOnlyList<RingCxUser>> ReadUsersAsync(string path, CancellationToken cancellationToken) =>
        ReadAsync(path, (e, _) => ReferenceJson.User(e), cancellationToken);

    /// <summary>
    /// One sub-account's landed reference files (with their manifests) as one snapshot, as of the earliest fetch among
    /// them: by then every answer in the set was true. Files of other kinds are ignored; files of another sub-account
    /// are an error. An agent or queue listed twice (two groups' answers) is taken once, first answer first.
    /// </summary>
    public static async Task<ReferenceSnapshot> ReadSnapshotAsync(
        string sourceId, IEnumerable<(string Path, LandingManifest Manifest)> files, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceId);
        ArgumentNullException.ThrowIfNull(files);
        var agentGroups = new List<RingCxAgentGroup>();
        var agents = new List<RingCxAgent>();
        var queueGroups = new List<RingCxQueueGroup>();
        var queues = new List<RingCxQueueInfo>();
        var users = new List<RingCxUser>();
        DateTime? asOf = null;
        string? sourceName = null;
        foreach (var (path, manifest) in files.OrderBy(f => f.Manifest.FetchedAtUtc).ThenBy(f => f.Path, StringComparer.Ordinal))
        {
            if (!ReferenceFileKinds.TryParse(manifest.Report, out var kind))
            {
                continue;
            }

            if (!string.Equals(manifest.SourceId, sourceId, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{path}: the file belongs to sub-account {manifest.SourceId}, not {sourceId}.");
            }

            var fetched = DateTime.SpecifyKind(manifest.FetchedAtUtc, DateTimeKind.Utc);
            asOf = asOf is null || fetched < asOf ? fetched : asOf;
            sourceName ??= manifest.SourceName;
            switch (kind)
            {
                case ReferenceFileKind.AgentGroups:
                    agentGroups.AddRange(await ReadAgentGroupsAsync(path, cancellationToken));
                    break;
                case ReferenceFileKind.Agents:
                    agents.AddRange(await ReadAgentsAsync(path, cancellationToken));
                    break;
                case ReferenceFileKind.QueueGroups:
                    queueGroups.AddRange(await ReadQueueGroupsAsync(path, cancellationToken));
                    break;
                case ReferenceFileKind.Queues:
                    queues.AddRange(await ReadQueuesAsync(path, cancellationToken));
                    break;
                case ReferenceFileKind.Users:
                    users.AddRange(await ReadUsersAsync(path, cancellationToken));
                    break;
            }
        }

        if (asOf is null)
        {
            throw new InvalidDataException($"No landed reference files for sub-account {sourceId}.");
        }

        return new ReferenceSnapshot(
            sourceId,
            asOf.Value,
            [.. agentGroups.DistinctBy(g => g.AgentGroupId, StringComparer.Ordinal)],
            [.. agents.DistinctBy(a => a.AgentId, StringComparer.Ordinal)],
            [.. queueGroups.DistinctBy(g => g.QueueGroupId, StringComparer.Ordinal)],
            [.. queues.DistinctBy(q => q.QueueId, StringComparer.Ordinal)],
            users.Count == 0 ? null : [.. users.DistinctBy(u => u.RcUserId, StringComparer.Ordinal)],
            sourceName);
    }

    private static async Task<IReadOnlyList<T>> ReadAsync<T>(string path, Func<JsonElement, int, T> read, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        JsonDocument json;
        try
        {
            json = await JsonDocument.ParseAsync(stream, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}:{(ex.LineNumber ?? 0) + 1} at {ex.Path}: not valid JSON: {ex.Message}", ex);
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{path}: expected a JSON array, found {json.RootElement.ValueKind}.");
            }

            var items = new List<T>();
            var index = 0;
            foreach (var element in json.RootElement.EnumerateArray())
            {
                try
                {
                    items.Add(read(element, index));
                }
                catch (InvalidDataException ex)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path} at $[{index}]: {ex.Message}."), ex);
                }

                index++;
            }

            return items;
        }
    }
}
