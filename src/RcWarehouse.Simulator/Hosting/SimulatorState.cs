using RcWarehouse.Simulator.Auth;
using RcWarehouse.Simulator.Faults;
using RcWarehouse.Simulator.RateLimiting;

namespace RcWarehouse.Simulator.Hosting;

/// <summary>Everything the endpoints share; one per running simulator.</summary>
internal sealed class SimulatorState
{
    public SimulatorState(SimulatorOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Data = new SyntheticContactCenter(options.Seed, options.SettleTime, options.SubAccountCount, options.VolumeScale, options.BusinessTimeZone);
        Credentials = new SimulatorCredentials { SubAccountIds = [.. Data.SubAccounts.Select(s => s.SubAccountId)] };
        Tokens = new TokenStore(time, TimeSpan.FromSeconds(options.TokenTtlSeconds));
        ReportLimiter = new SlidingLogLimiter(RateWindow.ParseList(options.RateLimit));
        AuthLimiter = new SlidingLogLimiter(RateWindow.ParseList(options.AuthRateLimit));
        Faults = new FaultInjector(options);
    }

    public SimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public SyntheticContactCenter Data { get; }

    public SimulatorCredentials Credentials { get; }

    public TokenStore Tokens { get; }

    public SlidingLogLimiter ReportLimiter { get; }

    public SlidingLogLimiter AuthLimiter { get; }

    public FaultInjector Faults { get; }

    public SimulatorRequestLog Log { get; } = new();

    public DateTime UtcNow => Time.GetUtcNow().UtcDateTime;
}
