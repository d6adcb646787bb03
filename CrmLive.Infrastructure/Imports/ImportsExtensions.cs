using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Imports;

public static class ImportsExtensions
{
    /// <summary>CSV imports of customers and orders: stored uploads, mapping, dry and real runs as jobs.</summary>
    public static IHostApplicationBuilder AddImports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ImportFiles>();
        builder.Services.AddSingleton<ImportService>();
        builder.Services.AddTransient<ImportRunner>();
        return builder;
    }
}
