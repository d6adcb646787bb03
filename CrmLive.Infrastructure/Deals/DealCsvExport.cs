using System.Globalization;
using System.Runtime.CompilerServices;
using CrmLive.Domain.Audit;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Lists;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Deals;

/// <summary>The pipeline as CSV: every deal the board's filter covers, stage by stage in board order; audited.</summary>
public sealed class DealCsvExport(DealQueries queries, AuditLog audit, ILogger<DealCsvExport> logger)
{
    public async Task<long> WriteAsync(DealBoardQuery query, Stream output, AuditActor actor, CancellationToken ct = default)
    {
        var rows = await ListCsv.WriteAsync(output,
            ["Title", "Customer", "Stage", "Amount", "Currency", "Owner", "Expected close", "Lost reason"], Rows(query, ct), ct);
        await audit.WriteAsync(actor, AuditActions.ListExported, "Deal pipeline", $"{rows} rows", ct);
        logger.LogInformation("Deal pipeline exported by {Actor}: {Rows} rows", actor.Name, rows);
        return rows;
    }

    private async IAsyncEnumerable<string[]> Rows(DealBoardQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var d in queries.AllAsync(query, ct))
            yield return [d.Title, d.CustomerName, d.Stage.ToString(), d.Amount.ToString("0.00", CultureInfo.InvariantCulture),
                d.Currency, d.OwnerName ?? "", d.ExpectedClose?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                d.LostReason ?? ""];
    }
}
