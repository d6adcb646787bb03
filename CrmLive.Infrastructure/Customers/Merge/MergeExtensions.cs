using CrmLive.Infrastructure.Customers.Gdpr;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Customers.Merge;

public static class MergeExtensions
{
    /// <summary>Duplicate suggestions and merging, GDPR export and erasure of one customer.</summary>
    public static IHostApplicationBuilder AddMergeAndGdpr(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DuplicateFinder>();
        builder.Services.AddSingleton<CustomerMerger>();
        builder.Services.AddSingleton<CustomerDataExporter>();
        builder.Services.AddSingleton<CustomerEraser>();
        return builder;
    }
}
