using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Analytics;

public static class AnalyticsExtensions
{
    /// <summary>The scheduled recompute of RFM, segments, loyalty, lifetime value and churn.</summary>
    public static IHostApplicationBuilder AddAnalytics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddTransient<AnalyticsRecomputeJob>();
        builder.Services.AddSingleton<AnalyticsQueries>();
        return builder;
    }
}
