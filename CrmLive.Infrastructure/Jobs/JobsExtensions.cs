using Hangfire;
using CrmLive.Infrastructure.Persistence;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Jobs;

public static class JobsExtensions
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var options = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new();

        // Each host owns its storage. Hangfire's default registration hands out the process-wide JobStorage.Current,
        // which two hosts in one process (tests, benchmarks) would share and dispose under each other.
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        var connectionString = builder.Configuration.GetConnectionString(PersistenceExtensions.ConnectionStringName);
        builder.Services.AddSingleton(_ => CreateStorage(database.Provider, connectionString, options.PollInterval));
        builder.Services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(HangfireLogRouting.Instance.Attach(sp.GetRequiredService<ILoggerFactory>(),
                sp.GetRequiredService<IHostApplicationLifetime>())));
        // Likewise the activator: Hangfire's default is the process-wide JobActivator.Current, so with two hosts in
        // one process a job fetched by one host's server could be built from the other host's services.
        builder.Services.AddSingleton<JobActivator>(sp => new ServiceProviderJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        if (options.RunServer)
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = options.WorkerCount;
                o.SchedulePollingInterval = options.PollInterval;
            });

        builder.Services.AddTransient<WakeSnoozedJob>();
        builder.Services.AddSingleton<JobSchedules>();
        builder.Services.AddHostedService<RecurringJobsRegistration>();
        return builder;
    }

    /// <summary>Job storage follows the database: in memory when embedded, the same server in production.</summary>
    private static JobStorage CreateStorage(DatabaseProvider provider, string? connectionString, TimeSpan poll) => provider switch
    {
        DatabaseProvider.SqlServer => new SqlServerStorage(connectionString,
            new SqlServerStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire" }),
        DatabaseProvider.PostgreSql => new PostgreSqlStorage(
            new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()),
            new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire", QueuePollInterval = poll }),
        _ => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }),
    };
}

/// <summary>Every recurring schedule is registered here, in one place, when the app starts.</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager jobs, JobSchedules schedules) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await schedules.RegisterAllAsync(cancellationToken); // the ones Admins may change, as they left them
        jobs.AddOrUpdate<WakeSnoozedJob>(WakeSnoozedJob.JobId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        jobs.AddOrUpdate<Api.IdempotencyCleanupJob>(Api.IdempotencyCleanupJob.JobId, j => j.RunAsync(CancellationToken.None),
            Cron.Hourly());
        jobs.AddOrUpdate<Webhooks.WebhookSweeperJob>(Webhooks.WebhookSweeperJob.JobId, j => j.RunAsync(CancellationToken.None),
            "*/5 * * * *");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Builds each job in its own DI scope of this host.</summary>
internal sealed class ServiceProviderJobActivator(IServiceScopeFactory scopes) : JobActivator
{
    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateScope());

    private sealed class Scope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.Dispose();
    }
}
