using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RcWarehouse.Simulator.Auth;
using RcWarehouse.Simulator.Hosting;
using RcWarehouse.Simulator.Reference;
using RcWarehouse.Simulator.Reports;

namespace RcWarehouse.Simulator;

/// <summary>
/// A RingCX stand-in on 127.0.0.1: the RingCentral platform paths (<c>/restapi/...</c>) and the RingCX paths
/// (<c>/api/auth/...</c>, <c>/voice/api/...</c>) on one host, so a client's PlatformUrl and RingCxUrl both point at
/// <see cref="BaseUrl"/>. Usable from tests and from a console app (<see cref="RunUntilCancelledAsync"/>).
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorState _state;

    private SimulatorHost(WebApplication app, SimulatorState state, Uri baseUrl)
    {
        _app = app;
        _state = state;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public SimulatorOptions Options => _state.Options;

    public SimulatorRequestLog RequestLog => _state.Log;

    public SimulatorCredentials Credentials => _state.Credentials;

    public SyntheticContactCenter Data => _state.Data;

    /// <summary>Faults of the script not served yet.</summary>
    public int PendingFaults => _state.Faults.ScriptRemaining;

    /// <summary>Appends faults to the script while running (tests sharing one simulator arrange their faults this way).</summary>
    public void EnqueueFaults(params SimulatedFault[] faults) => _state.Faults.Enqueue(faults);

    public static Task<SimulatorHost> StartAsync(SimulatorOptions options, TimeProvider time, CancellationToken cancellationToken) =>
        StartAsync(options, time, loggerFactory: null, cancellationToken);

    /// <summary>Starts with Kestrel logging to <paramref name="loggerFactory"/> (nothing is logged when it is null).</summary>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, TimeProvider time, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var state = new SimulatorState(options, time);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SimulatorHost).Assembly.GetName().Name, Args = [] });

        // Only what is set here counts: no appsettings.json or ASPNETCORE_URLS from the caller's directory or environment.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));

        var app = builder.Build();
        var gate = new ApiGate(state);
        app.UseRouting();
        app.Use(gate.LogAsync);
        app.Use(gate.GuardApiAsync);
        AuthEndpoints.Map(app, state);
        ReferenceEndpoints.Map(app, state);
        ReportEndpoints.Map(app, state);
        Recordings.RecordingEndpoints.Map(app, state);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, state, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> fires (Ctrl+C in the CLI), then stops.</summary>
    public async Task RunUntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancellation is how a console run ends: not an error.
        }

        await _app.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
