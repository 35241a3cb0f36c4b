using Microsoft.Extensions.DependencyInjection;
using Quartz;
using RcWarehouse.Cli.Operations;
using RcWarehouse.Warehouse;

namespace RcWarehouse.Cli.Scheduling;

/// <summary>
/// The Quartz scheduler of <c>run</c>: one job per schedule file, in memory by default, or in a persistent store
/// (SQL Server, or a SQLite file of its own next to the warehouse) with clustering.
/// </summary>
public static class QuartzSetup
{
    public static IServiceCollection AddRcWarehouseScheduler(
        this IServiceCollection services, IReadOnlyList<JobSchedule> schedules, QuartzStoreOptions store, WarehouseOptions warehouse, TimeProvider time)
    {
        services.AddQuartz(quartz =>
        {
            quartz.UseTimeProvider(time);
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "rcwarehouse";

                // Shutdown cancels the job in flight (its batch rolls back) and waits for it to return.
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
                if (store.PersistentStore && store.Clustered)
                {
                    if (string.IsNullOrWhiteSpace(store.InstanceId))
                    {
                        scheduler.GenerateInstanceId = true;
                    }
                    else
                    {
                        scheduler.InstanceId = store.InstanceId;
                    }
                }
            });

            if (store.PersistentStore)
            {
                quartz.UsePersistentStore(persistent =>
                {
                    var connectionString = store.StoreConnectionString(warehouse);
                    var sqlite = store.StoreProvider(warehouse) == WarehouseProvider.Sqlite;
                    if (sqlite && store.Clustered)
                    {
                        // See ClusteredSqliteDialect: Quartz's SQLite delegate refuses clustering; this one takes a
                        // database lock instead. Registered before UseSqlite, which would otherwise pick Quartz's own.
                        persistent.UseDriverDelegate(_ => new ClusteredSqliteDialect());
                    }

                    if (sqlite)
                    {
                        persistent.UseSqlite(connectionString);
                    }
                    else
                    {
                        persistent.UseSqlServer(connectionString);
                    }

                    persistent.UseSystemTextJsonSerializer(_ => { });
                    persistent.ConfigureStore(ado =>
                    {
                        ado.TablePrefix = store.StoreTablePrefix(warehouse);
                        if (sqlite && store.Clustered)
                        {
                            // Serializable: Microsoft.Data.Sqlite begins it with BEGIN IMMEDIATE, so every Quartz
                            // transaction holds the file's one write lock from its first statement and nodes queue for
                            // it (busy wait, 30 s by default) instead of failing on a read that later has to write.
                            ado.TransactionIsolationLevel = System.Data.IsolationLevel.Serializable;
                            ado.AcquireTriggersWithinLock = true;

                            // SQLite has no SELECT ... FOR UPDATE: the lock row is claimed by updating it (RETURNING
                            // gives the store the row it expects; a missing row is inserted by the store).
                            ado.SelectWithLockSql =
                                "UPDATE {0}LOCKS SET LOCK_NAME = LOCK_NAME WHERE SCHED_NAME = @schedulerName AND LOCK_NAME = @lockName RETURNING LOCK_NAME";
                        }
                    });

                    // A SQLite store is a file of Quartz's own: Quartz creates its tables (guarded, so nodes starting
                    // together do not trip over each other). SQL Server's come from `migrate` unless configured.
                    if (store.ProvisionSchema || sqlite)
                    {
                        persistent.ProvisionSchema();
                    }

                    if (store.Clustered)
                    {
                        persistent.UseClustering(cluster =>
                        {
                            cluster.CheckinInterval = store.CheckinInterval;
                            cluster.CheckinMisfireThreshold = store.CheckinMisfireThreshold;
                        });
                    }
                });
            }

            // Each job's next fire time after every run (Progress/NextFireTimeListener).
            quartz.AddTriggerListener<Progress.NextFireTimeListener>();

            foreach (var schedule in schedules.Where(s => s.Enabled))
            {
                var key = JobSchedules.Key(schedule.Job);
                quartz.AddJob(JobSchedules.JobType(schedule.Job), job => job
                    .WithIdentity(key)
                    .DisallowConcurrentExecution()
                    .StoreDurably()

                    // A firing whose node died mid-job runs again on another node (clustered store) or at the next
                    // start (a persistent store on one node). Safe: a load is idempotent per window, and the batch the
                    // dead node left running is marked abandoned before the job loads again.
                    .RequestRecovery());
                quartz.AddTrigger(trigger => trigger
                    .ForJob(key)
                    .WithIdentity(key.Name + "-schedule", key.Group)
                    .WithSchedule(CronScheduleBuilder.Create(schedule.Cron)
                        .InTimeZone(JobSchedules.Zone(schedule))
                        .WithMisfireInstruction(schedule.Misfire == MisfirePolicy.DoNothing
                            ? CronTriggerMisfireInstruction.DoNothing
                            : CronTriggerMisfireInstruction.FireAndProceed)));
            }
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }
}
