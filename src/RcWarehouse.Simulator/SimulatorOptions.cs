namespace RcWarehouse.Simulator;

/// <summary>How the RingCX stand-in behaves. Defaults mirror the documented production limits.</summary>
public sealed class SimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read it back from <see cref="SimulatorHost.BaseUrl"/>).</summary>
    public int Port { get; set; }

    /// <summary>Everything synthetic (organisation, call volumes, random faults) derives from this seed.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Per-sub-account limit of the report and metadata endpoints: <c>count/window</c> pairs, all enforced.</summary>
    public string RateLimit { get; set; } = "3/60s,9/15m";

    /// <summary>Limit of each auth call (JWT grant, token exchange, refresh), per client.</summary>
    public string AuthRateLimit { get; set; } = "5/60s";

    /// <summary>Lifetime of a RingCX access token (documented: 5 minutes).</summary>
    public int TokenTtlSeconds { get; set; } = 300;

    /// <summary>Probability (0..1) that a RingCX API request gets a random fault.</summary>
    public double FaultRate { get; set; }

    /// <summary>Faults served, in order, to the next matching RingCX API requests (before any random fault).</summary>
    public IReadOnlyList<SimulatedFault>? FaultScript { get; set; }

    /// <summary>How long a <see cref="SimulatedFaultKind.Delay"/> fault stalls before answering.</summary>
    public TimeSpan FaultDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Intervals younger than this (after their end) answer provisional numbers that still grow.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Number of sub-accounts under the main account (at least 2 by default).</summary>
    public int SubAccountCount { get; set; } = 2;

    /// <summary>Multiplies the call volume curve.</summary>
    public double VolumeScale { get; set; } = 1.0;

    /// <summary>The zone whose business hours shape the daily volume curve (quiet night, morning and afternoon peaks).</summary>
    public string BusinessTimeZone { get; set; } = "America/New_York";

    public override string ToString() =>
        $"Port={Port}, Seed={Seed}, RateLimit={RateLimit}, AuthRateLimit={AuthRateLimit}, TokenTtlSeconds={TokenTtlSeconds}, " +
        $"FaultRate={FaultRate}, FaultScript={FaultScript?.Count ?? 0} fault(s), SettleTime={SettleTime}";
}
