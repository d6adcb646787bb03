using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Api;

public static class ApiExtensions
{
    /// <summary>API keys, stored idempotent answers and the API's limits.</summary>
    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddTransient<IdempotencyCleanupJob>();
        return builder;
    }
}
