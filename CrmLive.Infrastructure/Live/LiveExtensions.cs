using CrmLive.Domain.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Live;

public static class LiveExtensions
{
    public static IHostApplicationBuilder AddLiveEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ILiveEventBus, InProcessLiveEventBus>();
        builder.Services.AddSingleton<IPresenceTracker, InMemoryPresenceTracker>();
        return builder;
    }
}
