using System.Text.Json;
using Quartz;
using RcWarehouse.Cli.Jobs;

namespace RcWarehouse.Cli.Scheduling;

/// <summary>Reads <c>schedules/*.json</c>; a job without a file runs on its default schedule.</summary>
public static class JobSchedules
{
    public static readonly IReadOnlyList<JobSchedule> Defaults =
    [
        // At :05, :20, :35, :50: aggregates are asked for 5 minutes after an interval ends, so each run finds a new one.
        new("intraday", "0 5/15 * * * ?"),
        new("nightly", "0 30 2 * * ?"),
        new("reference", "0 0 * * * ?", Misfire: MisfirePolicy.DoNothing),
    ];

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The folder: as configured relative to the working directory, else next to the executable.</summary>
    public static string? ResolveFolder(string configured)
    {
        if (Directory.Exists(configured))
        {
            return Path.GetFullPath(configured);
        }

        var besideExecutable = Path.Combine(AppContext.BaseDirectory, configured);
        return Path.IsPathRooted(configured) || !Directory.Exists(besideExecutable) ? null : besideExecutable;
    }

    public static async Task<IReadOnlyList<JobSchedule>> LoadAsync(string? folder, CancellationToken cancellationToken)
    {
        var byJob = Defaults.ToDictionary(s => s.Job, StringComparer.OrdinalIgnoreCase);
        if (folder is not null)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                JobSchedule? schedule;
                await using (var stream = File.OpenRead(file))
                {
                    try
                    {
                        schedule = await JsonSerializer.DeserializeAsync<JobSchedule>(stream, JsonOptions, cancellationToken);
                    }
                    catch (JsonException ex)
                    {
                        throw new UsageException($"{file}: not a schedule ({ex.Message})");
                    }
                }

                if (schedule is null || !byJob.ContainsKey(schedule.Job ?? ""))
                {
                    throw new UsageException($"{file}: \"job\" must be one of {string.Join(", ", Defaults.Select(d => d.Job))}");
                }

                Validate(file, schedule);
                byJob[schedule.Job!] = schedule;
            }
        }

        return [.. Defaults.Select(d => byJob[d.Job])];
    }

    public static Type JobType(string job) => job.ToLowerInvariant() switch
    {
        "intraday" => typeof(IntradaySyncJob),
        "nightly" => typeof(NightlySyncJob),
        "reference" => typeof(ReferenceSyncJob),
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, "unknown job"),
    };

    public static JobKey Key(string job) => new(job.ToLowerInvariant(), "rcwarehouse");

    public static TimeZoneInfo Zone(JobSchedule schedule) => Core.Intervals.TimeZones.Find(schedule.TimeZone);

    private static void Validate(string file, JobSchedule schedule)
    {
        try
        {
            _ = new CronExpression(schedule.Cron);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{file}: cron '{schedule.Cron}' is not a Quartz cron expression ({ex.Message})");
        }

        try
        {
            Zone(schedule);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new UsageException($"{file}: {ex.Message}");
        }
    }
}
