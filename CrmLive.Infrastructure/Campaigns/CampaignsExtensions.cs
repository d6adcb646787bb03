using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Campaigns;

public static class CampaignsExtensions
{
    /// <summary>Campaigns: audiences, the e-mail and widget channels, and their results. The web app adds <see cref="ICampaignLinks"/>.</summary>
    public static IHostApplicationBuilder AddCampaigns(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CampaignsOptions>().BindConfiguration(CampaignsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CampaignAudiences>();
        builder.Services.AddSingleton<CampaignContent>();
        builder.Services.AddSingleton<CampaignService>();
        builder.Services.AddSingleton<CampaignResultsQuery>();
        builder.Services.AddSingleton<CampaignWidget>();
        builder.Services.AddSingleton<CampaignEmailResponses>();
        builder.Services.AddTransient<CampaignEmailJob>();
        builder.Services.AddTransient<CampaignLifecycleJob>();
        return builder;
    }
}
