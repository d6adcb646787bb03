using CrmLive.Infrastructure.Bot;
using CrmLive.Infrastructure.Identity;

namespace CrmLive.Web.Bot;

public static class BotEndpoints
{
    public const string ExportRoute = "/bot/intents/export.csv";

    /// <summary>The bot's intents with their examples as CSV (text,intent), for managers.</summary>
    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportRoute, async (IntentCsv csv, CancellationToken ct) =>
                Results.File(await csv.ExportAsync(ct), "text/csv; charset=utf-8", $"crmlive-intents-{DateTime.UtcNow:yyyyMMdd}.csv"))
            .RequireAuthorization(Policies.Manager)
            .ExcludeFromDescription();
        return app;
    }
}
