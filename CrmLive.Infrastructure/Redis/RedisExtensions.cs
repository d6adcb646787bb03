using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace CrmLive.Infrastructure.Redis;

public static class RedisExtensions
{
    /// <summary>
    /// With <c>Redis:Connection</c> set, instances share live events and Data Protection keys (so a cookie issued by
    /// one instance is accepted by another). Without it, everything stays in this process.
    /// </summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        var options = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("CrmLive");
        if (!options.Enabled) return builder;

        var configuration = ConfigurationOptions.Parse(options.Connection!);
        configuration.AbortOnConnectFail = false;
        configuration.ClientName = $"crmlive-{Environment.MachineName}-{Environment.ProcessId}";
        var redis = ConnectionMultiplexer.Connect(configuration);
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
        builder.Services.AddSingleton<ILiveEventBus>(sp => new RedisLiveEventBus(redis, options.Prefix,
            sp.GetRequiredService<InProcessLiveEventBus>(), sp.GetRequiredService<ILogger<RedisLiveEventBus>>()));
        builder.Services.AddSingleton<RedisPresenceTracker>(sp =>
            new RedisPresenceTracker(redis, options.Prefix, sp.GetRequiredService<ILiveEventBus>()));
        builder.Services.AddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<RedisPresenceTracker>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisPresenceTracker>());
        dataProtection.PersistKeysToStackExchangeRedis(redis, $"{options.Prefix}:data-protection-keys");
        builder.Services.AddHealthChecks().AddCheck("redis", () => redis.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("Redis is not connected"), tags: ["ready"]);
        return builder;
    }
}
