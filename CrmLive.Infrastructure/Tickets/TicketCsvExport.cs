using System.Globalization;
using System.Runtime.CompilerServices;
using CrmLive.Domain.Audit;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Lists;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Tickets;

/// <summary>The ticket list as CSV with the screen's filter and order, SLA due time and state included; audited.</summary>
public sealed class TicketCsvExport(TicketQueries queries, AuditLog audit, TimeProvider clock, ILogger<TicketCsvExport> logger)
{
    public async Task<long> WriteAsync(TicketListQuery query, Stream output, AuditActor actor, CancellationToken ct = default)
    {
        var rows = await ListCsv.WriteAsync(output,
            ["Subject", "Type", "Priority", "Status", "Customer", "Assignee", "Created", "Due", "SLA", "Solved"], Rows(query, ct), ct);
        await audit.WriteAsync(actor, AuditActions.ListExported, "Ticket list", $"{rows} rows", ct);
        logger.LogInformation("Ticket list exported by {Actor}: {Rows} rows", actor.Name, rows);
        return rows;
    }

    /// <summary>The list's own pages, largest size, in the list's order.</summary>
    private async IAsyncEnumerable<string[]> Rows(TicketListQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        for (var page = 0; ; page++)
        {
            var rows = await queries.ListAsync(query with { Page = page, PageSize = TicketQueries.MaxPageSize }, ct);
            foreach (var t in rows.Items)
                yield return [t.Subject, t.Type.ToString(), t.Priority.ToString(), t.Status.ToString(), t.CustomerName,
                    t.AssigneeName ?? "", Time(t.CreatedAt), Time(t.DueAt), t.Sla(now).Breached ? "Breached" : "Within SLA", t.SolvedAt is { } s ? Time(s) : ""];
            if (rows.Items.Count < TicketQueries.MaxPageSize) yield break;
        }
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
