using Microsoft.Extensions.DependencyInjection;
using Quartz;
using RcWarehouse.Cli.Operations;

namespace RcWarehouse.Cli.Scheduling;

/// <summary>The Quartz scheduler of <c>run</c>: one job per schedule file, in memory by default, or in SQL Server with clustering.</summary>
public static class QuartzSetup
{
    public static IServiceCollection AddRcWarehouseScheduler(
        this IServiceCollection services, IReadOnlyList<JobSchedule> schedules, QuartzStoreOptions store, string warehouseConnectionString, TimeProvider time)
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
                    scheduler.GenerateInstanceId = true;
                }
            });

            if (store.PersistentStore)
            {
                quartz.UsePersistentStore(persistent =>
                {
                    persistent.UseSqlServer(string.IsNullOrWhiteSpace(store.ConnectionString) ? warehouseConnectionString : store.ConnectionString);
                    persistent.UseSystemTextJsonSerializer(_ => { });
                    persistent.ConfigureStore(ado => ado.TablePrefix = store.TablePrefix);
                    if (store.ProvisionSchema)
                    {
                        persistent.ProvisionSchema();
                    }

                    if (store.Clustered)
                    {
                        persistent.UseClustering(_ => { });
                    }
                });
            }

            // Each job's next fire time after every run (Progress/NextFireTimeListener).
            quartz.AddTriggerListener<Progress.NextFireTimeListener>();

            foreach (var schedule in schedules.Where(s => s.Enabled))
            {
                var key = JobSchedules.Key(schedule.Job);
                quartz.AddJob(JobSchedules.JobType(schedule.Job), job => job.WithIdentity(key).DisallowConcurrentExecution().StoreDurably());
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
