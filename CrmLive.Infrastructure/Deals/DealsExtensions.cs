using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Deals;

public static class DealsExtensions
{
    /// <summary>Deals on the pipeline board: creating, editing and moving them, and the board's reads.</summary>
    public static IHostApplicationBuilder AddDeals(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DealService>();
        builder.Services.AddSingleton<DealQueries>();
        builder.Services.AddSingleton<DealBulkActions>();
        builder.Services.AddSingleton<DealCsvExport>();
        return builder;
    }
}
