using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Tickets;

public static class TicketsExtensions
{
    /// <summary>Tickets and their SLA: the stored policy, opening and changing tickets, lists.</summary>
    public static IHostApplicationBuilder AddTickets(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SlaSettingsStore>();
        builder.Services.AddSingleton<TicketService>();
        builder.Services.AddSingleton<TicketQueries>();
        builder.Services.AddSingleton<TicketCsvExport>();
        builder.Services.AddSingleton<TicketBulkActions>();
        return builder;
    }
}
