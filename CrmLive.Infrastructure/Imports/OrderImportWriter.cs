using CrmLive.Domain.Customers;
using CrmLive.Domain.Imports;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Imports;

/// <summary>
/// Order rows into orders: each finds its customer by e-mail or external id (a row whose customer is unknown is
/// refused, not guessed); an order number already on file is updated (its status: amounts of a placed order don't
/// change, refunds are a status) or skipped; each new order lands on its customer's timeline.
/// </summary>
internal sealed class OrderImportWriter(ImportMapping mapping, ImportRunContext context) : IImportBatchWriter
{
    public async Task<BatchOutcome> WriteAsync(CrmDbContext db, IReadOnlyList<ImportRowSource> rows, bool dryRun, CancellationToken ct)
    {
        var outcome = new BatchOutcome();
        var drafts = new List<(long Row, OrderDraft Draft)>(rows.Count);
        foreach (var row in rows)
        {
            var (draft, problems) = OrderDraft.Read(row.Cell);
            if (draft is null) outcome.Problems.AddRange(problems.Select(p => (row.RowNumber, p)));
            else drafts.Add((row.RowNumber, draft));
        }

        var emails = drafts.Select(d => d.Draft.CustomerEmail).Where(e => e is not null).Select(e => e!).Distinct().ToList();
        var externalIds = drafts.Select(d => d.Draft.CustomerExternalId).Where(e => e is not null).Select(e => e!).Distinct().ToList();
        var byEmail = emails.Count == 0 ? [] : await db.Customers.AsNoTracking().Where(c => EF.Parameter(emails).Contains(c.Email!))
            .Select(c => new { c.Id, c.Email }).ToDictionaryAsync(c => c.Email!, c => c.Id, ct);
        var byExternalId = externalIds.Count == 0 ? [] : await db.Customers.AsNoTracking().Where(c => EF.Parameter(externalIds).Contains(c.ExternalId!))
            .Select(c => new { c.Id, c.ExternalId }).ToDictionaryAsync(c => c.ExternalId!, c => c.Id, ct);
        var numbers = drafts.Select(d => d.Draft.Number).Distinct().ToList();
        var existing = await db.Orders.Where(o => EF.Parameter(numbers).Contains(o.Number)).ToDictionaryAsync(o => o.Number, ct);
        var inBatch = new HashSet<string>();

        foreach (var (rowNumber, draft) in drafts)
        {
            Guid? customerId = draft.CustomerExternalId is { } x && byExternalId.TryGetValue(x, out var byX) ? byX
                : draft.CustomerEmail is { } e && byEmail.TryGetValue(e, out var byE) ? byE : null;
            if (customerId is null)
            {
                outcome.Problems.Add((rowNumber, new FieldProblem(draft.CustomerExternalId is not null ? "customer_external_id" : "customer_email",
                    $"No customer has {(draft.CustomerExternalId is { } id ? $"the external id {id}" : $"the e-mail {draft.CustomerEmail}")}; import the customers first.")));
                continue;
            }
            var repeat = !inBatch.Add(draft.Number) || (dryRun && !existing.ContainsKey(draft.Number) && !context.RememberKey(draft.Number));
            if (existing.TryGetValue(draft.Number, out var order) || repeat)
            {
                if (mapping.Duplicates == DuplicateHandling.Skip) { outcome.Skipped++; continue; }
                outcome.Updated++;
                if (order is not null && order.Status != draft.Status && !dryRun)
                {
                    db.Timeline.Add(new TimelineEntry(order.CustomerId, DateTimeOffset.UtcNow, TimelineKind.Order,
                        $"Order {order.Number}: {order.Status} → {draft.Status}", "Updated by import", order.Id));
                    order.SetStatus(draft.Status);
                }
                continue;
            }
            outcome.Created++;
            if (dryRun) continue;
            var created = draft.Create(customerId.Value);
            outcome.Inserts.Add(created);
            outcome.Inserts.Add(new TimelineEntry(created.CustomerId, created.PlacedAt, TimelineKind.Order,
                $"Order {created.Number} · {created.Currency} {created.Amount:0.00}", created.ItemsSummary, created.Id));
        }
        return outcome;
    }
}
