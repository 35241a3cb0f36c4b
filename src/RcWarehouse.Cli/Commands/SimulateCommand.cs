using System.CommandLine;
using System.Globalization;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Simulator;

namespace RcWarehouse.Cli.Commands;

/// <summary><c>simulate</c>: the RingCX stand-in on 127.0.0.1 until Ctrl+C, for demos, manual tests and other clients.</summary>
public static class SimulateCommand
{
    private static readonly Option<int> Port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 5080 }.Between(0, 65535);

    private static readonly Option<int> Seed = new Option<int>("--seed") { Description = "Seed of the synthetic contact center.", DefaultValueFactory = _ => 42 };

    private static readonly Option<string> RateLimit = new("--rate-limit")
    {
        Description = "Report rate limit per sub-account, e.g. \"3/60s,9/15m\" (the documented one).",
        DefaultValueFactory = _ => "3/60s,9/15m",
    };

    private static readonly Option<int> TokenTtl = new Option<int>("--token-ttl-seconds") { Description = "RingCX access token lifetime.", DefaultValueFactory = _ => 300 }.Between(1, int.MaxValue);

    private static readonly Option<double> FaultRate = new Option<double>("--fault-rate") { Description = "Share of API requests answered with an injected fault (0 to 1).", DefaultValueFactory = _ => 0.0 }.Between(0, 1);

    public static Command Create(Func<ParseResult, CancellationToken, Task<int>> action)
    {
        var command = new Command("simulate", "Run the RingCX simulator on 127.0.0.1 until stopped (Ctrl+C).") { Port, Seed, RateLimit, TokenTtl, FaultRate };
        command.SetAction(action);
        return command;
    }

    public static async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var faultRate = parse.GetValue(FaultRate);
        var options = new SimulatorOptions
        {
            Port = parse.GetValue(Port),
            Seed = parse.GetValue(Seed),
            RateLimit = parse.GetValue(RateLimit)!,
            TokenTtlSeconds = parse.GetValue(TokenTtl),
            FaultRate = faultRate,
        };
        await using var simulator = await SimulatorHost.StartAsync(options, context.Time, context.LoggerFactory, cancellationToken);
        await WriteBannerAsync(context.Console.Out, simulator);
        await simulator.RunUntilCancelledAsync(cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>What a client needs to point at the simulator (its credentials are fake and documented, so they are printed).</summary>
    public static async Task WriteBannerAsync(TextWriter output, SimulatorHost simulator)
    {
        var c = simulator.Credentials;
        var url = simulator.BaseUrl.ToString().TrimEnd('/');
        await output.WriteLineAsync($"RingCX simulator listening on {url} ({simulator.Options})");
        await output.WriteLineAsync($"  platform and RingCX URL: {url}");
        await output.WriteLineAsync($"  client id:     {c.ClientId}");
        await output.WriteLineAsync($"  client secret: {c.ClientSecret}");
        await output.WriteLineAsync($"  JWT:           {c.Jwt}");
        await output.WriteLineAsync($"  main account:  {c.MainAccountId}   rcAccountId: {c.RcAccountId}");
        await output.WriteLineAsync($"  sub-accounts:  {string.Join(", ", c.SubAccountIds)}");
        await output.WriteLineAsync("Point rcwarehouse at it with:");
        await output.WriteLineAsync($"  export RCW_RingCx__PlatformUrl={url} RCW_RingCx__RingCxUrl={url}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  export RCW_RingCx__Sources__0__Name=sim RCW_RingCx__Sources__0__ClientId={c.ClientId} RCW_RingCx__Sources__0__ClientSecret={c.ClientSecret} RCW_RingCx__Sources__0__Jwt={c.Jwt} RCW_RingCx__Sources__0__SubAccountIds__0={c.SubAccountIds[0]}"));
        await output.WriteLineAsync("Stop with Ctrl+C.");
        await output.FlushAsync();
    }
}
