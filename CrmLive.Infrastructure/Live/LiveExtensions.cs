using CrmLive.Domain.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Live;

public static class LiveExtensions
{
    public static IHostApplicationBuilder AddLiveEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InProcessLiveEventBus>();
        // Redis (AddRedis) replaces this with the bus that crosses instances.
        builder.Services.AddSingleton<ILiveEventBus>(sp => sp.GetRequiredService<InProcessLiveEventBus>());
        builder.Services.AddSingleton<IPresenceTracker, InMemoryPresenceTracker>();
        return builder;
    }
}
