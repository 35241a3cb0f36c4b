using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RcWarehouse.Cli.Hosting;
using RcWarehouse.Cli.Jobs;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Cli.Sync;
using RcWarehouse.RingCx;
using RcWarehouse.Warehouse;

namespace RcWarehouse.Cli.Scheduling;

public static class OperationsServices
{
    /// <summary>
    /// What the jobs need, as singletons: one RingCX session for the life of the service, so every job shares each
    /// sub-account's rate-limit budget and tokens, and one warehouse.
    /// </summary>
    public static IServiceCollection AddRcWarehouseOperations(
        this IServiceCollection services, RingCxOptions ringCx, WarehouseOptions warehouse, OperationsOptions operations, TimeProvider time)
    {
        services.AddSingleton(time);
        services.AddSingleton(ringCx);
        services.AddSingleton(warehouse);
        services.AddSingleton(operations);
        services.AddSingleton(sp =>
        {
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            return new RingCxSession(ringCx, WarehouseFactory.Create(warehouse, time, loggers), time, loggers);
        });
        services.AddSingleton(sp => sp.GetRequiredService<RingCxSession>().Warehouse!);
        services.AddSingleton(sp => sp.GetRequiredService<RingCxSession>().Extractor);
        services.AddSingleton<WindowRunner>();
        services.AddSingleton<ScheduledSync>();
        services.AddSingleton<RerunService>();
        services.AddSingleton<ReferenceSyncService>();
        services.AddSingleton<ReferenceFirst>();
        services.TryAddSingleton(new Recordings.RecordingsOptions());
        services.AddSingleton(sp => Recordings.RecordingsCommand.ArchiverFor(
            sp.GetRequiredService<RingCxSession>(), sp.GetRequiredService<Recordings.RecordingsOptions>(), time, sp.GetRequiredService<ILoggerFactory>()));
        services.AddTransient<IntradaySyncJob>();
        services.AddTransient<NightlySyncJob>();
        services.AddTransient<ReferenceSyncJob>();
        return services;
    }
}
