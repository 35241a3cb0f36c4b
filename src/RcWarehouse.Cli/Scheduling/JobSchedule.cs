using System.Text.Json.Serialization;

namespace RcWarehouse.Cli.Scheduling;

/// <summary>
/// One file of <c>schedules/</c>: when a job fires (a Quartz cron expression, seconds first), in which time zone,
/// whether it is on, and what to do about firings missed while the service was down.
/// </summary>
public sealed record JobSchedule(
    [property: JsonPropertyName("job")] string Job,
    [property: JsonPropertyName("cron")] string Cron,
    [property: JsonPropertyName("timeZone")] string TimeZone = "UTC",
    [property: JsonPropertyName("enabled")] bool Enabled = true,
    [property: JsonPropertyName("misfire")] MisfirePolicy Misfire = MisfirePolicy.FireOnceNow);

/// <summary>What a trigger does with the firings it missed (service down, all threads busy, a long previous run).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MisfirePolicy>))]
public enum MisfirePolicy
{
    /// <summary>
    /// Fire once at once, however many firings were missed, then keep the schedule. Right for the sync jobs: one
    /// intraday run catches up from the watermark, one nightly run re-pulls the whole look-back.
    /// </summary>
    FireOnceNow,

    /// <summary>Skip what was missed and wait for the next scheduled time (reference data: the next hour is soon enough).</summary>
    DoNothing,
}
