using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Offers;

public static class OffersExtensions
{
    /// <summary>Rule mining over order lines and the next best offers it yields.</summary>
    public static IHostApplicationBuilder AddOffers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OffersOptions>().BindConfiguration(OffersOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddTransient<OfferRulesJob>();
        builder.Services.AddSingleton<OfferQueries>();
        return builder;
    }
}
