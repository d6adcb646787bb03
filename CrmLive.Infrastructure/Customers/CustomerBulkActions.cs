using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Customers;

public enum BulkActionKind { AddTag, RemoveTag, AssignOwner }

public sealed record BulkAction(BulkActionKind Kind, string? Value);

public sealed record BulkProgress(int Done, int Total);

/// <summary>
/// Tags or assigns many customers at once: a picked selection, or everything a filter matches (a million rows is
/// fine). Works in chunks of <see cref="ChunkSize"/>, each its own transaction, walking ids in order, so progress is
/// reported as it goes and a stop keeps the chunks already done whole.
/// </summary>
public sealed class CustomerBulkActions(IDbContextFactory<CrmDbContext> dbFactory, IProviderSql providerSql,
    StaffDirectory staff, ILogger<CustomerBulkActions> log)
{
    public const int ChunkSize = 2000;

    public async Task<int> RunAsync(BulkAction action, IReadOnlyCollection<Guid>? selection, CustomerListQuery? everyMatch,
        IProgress<BulkProgress>? progress, CancellationToken ct = default)
    {
        var value = await ValidatedValueAsync(action, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = selection is not null
            ? db.Customers.Where(c => selection.Contains(c.Id))
            : await MatchingAsync(db, everyMatch ?? new CustomerListQuery(null), ct);
        var total = await scope.CountAsync(ct);
        progress?.Report(new BulkProgress(0, total));

        var done = 0;
        Guid? after = null;
        while (true)
        {
            var chunkScope = after is { } last ? scope.Where(c => c.Id.CompareTo(last) > 0) : scope;
            var ids = await chunkScope.OrderBy(c => c.Id).Select(c => c.Id).Take(ChunkSize).ToListAsync(ct);
            if (ids.Count == 0) break;
            await ApplyAsync(action.Kind, value, ids, ct);
            done += ids.Count;
            after = ids[^1];
            progress?.Report(new BulkProgress(done, Math.Max(done, total)));
        }
        log.LogInformation("Bulk {Action} '{Value}' applied to {Count} customers", action.Kind, value, done);
        return done;
    }

    private async Task<IQueryable<Customer>> MatchingAsync(CrmDbContext db, CustomerListQuery q, CancellationToken ct)
    {
        var customers = await CustomerFilters.ApplyAsync(db, db.Customers, q.Filter, ct);
        if (string.IsNullOrWhiteSpace(q.Search)) return customers;
        // The whole result of a search, not just the shown first thousand.
        var ids = providerSql.SearchCustomerIds(db, q.Search, int.MaxValue);
        return customers.Where(c => ids.Contains(c.Id));
    }

    private async Task<string?> ValidatedValueAsync(BulkAction action, CancellationToken ct)
    {
        switch (action.Kind)
        {
            case BulkActionKind.AssignOwner:
                if (string.IsNullOrWhiteSpace(action.Value)) return null; // clears the owner
                if (await staff.NameOfAsync(action.Value, ct) is null) throw new DomainException("That person is not on the team.");
                return action.Value;
            default:
                return RecordTag.Normalize(action.Value);
        }
    }

    private async Task ApplyAsync(BulkActionKind kind, string? value, List<Guid> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        switch (kind)
        {
            case BulkActionKind.AssignOwner:
                await db.Customers.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerId, value), ct);
                break;
            case BulkActionKind.RemoveTag:
                await db.RecordTags.Where(t => t.Tag == value && ids.Contains(t.RecordId)).ExecuteDeleteAsync(ct);
                break;
            default:
                var tagged = await db.RecordTags.Where(t => t.Tag == value && ids.Contains(t.RecordId)).Select(t => t.RecordId).ToListAsync(ct);
                db.RecordTags.AddRange(ids.Except(tagged).Select(id => new RecordTag(id, value!)));
                await db.SaveChangesAsync(ct);
                break;
        }
        await tx.CommitAsync(ct);
    }
}
