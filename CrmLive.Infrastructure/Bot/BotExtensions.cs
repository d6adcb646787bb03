using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Bot;

public static class BotExtensions
{
    /// <summary>The bot's knowledge (intents, examples, threshold) and, later, its trained models.</summary>
    public static IHostApplicationBuilder AddBot(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section);
        builder.Services.AddSingleton<WordVectorsSource>();
        builder.Services.AddSingleton<IntentCatalog>();
        builder.Services.AddSingleton<BotReports>();
        builder.Services.AddSingleton<IntentBrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IntentBrain>());
        builder.Services.AddTransient<BotTrainingJob>();
        builder.Services.AddSingleton<BotModels>();
        builder.Services.AddSingleton<IntentCsv>();
        builder.Services.AddSingleton<RuleCatalog>();
        return builder;
    }
}
