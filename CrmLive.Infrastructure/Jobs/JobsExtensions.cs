using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
        builder.Services.AddSingleton<JobStorage>(_ =>
            new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) }));
        builder.Services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (options.RunServer)
            builder.Services.AddHangfireServer(o => o.WorkerCount = options.WorkerCount);

        builder.Services.AddTransient<RfmRecomputeJob>();
        builder.Services.AddHostedService<RecurringJobsRegistration>();
        return builder;
    }
}

/// <summary>Every recurring schedule is registered here, in one place, when the app starts.</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager jobs, IOptions<JobsOptions> options)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var cron = options.Value.RfmCron;
        try
        {
            jobs.AddOrUpdate<RfmRecomputeJob>(RfmRecomputeJob.JobId, j => j.RunAsync(CancellationToken.None), cron);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Jobs:RfmCron '{cron}' is not a valid cron expression.", ex);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
