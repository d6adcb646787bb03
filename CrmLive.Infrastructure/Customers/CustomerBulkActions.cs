using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Customers;

/// <summary>
/// Tags or assigns many customers at once: a picked selection, or everything a filter matches (a million rows is
/// fine), in chunks of <see cref="ChunkedBulk.ChunkSize"/> each written in its own transaction.
/// </summary>
public sealed class CustomerBulkActions(IDbContextFactory<CrmDbContext> dbFactory, IProviderSql providerSql,
    StaffDirectory staff, ILogger<CustomerBulkActions> log)
{
    public async Task<int> RunAsync(BulkAction action, IReadOnlyCollection<Guid>? selection, CustomerListQuery? everyMatch,
        IProgress<BulkProgress>? progress, CancellationToken ct = default)
    {
        var value = await RecordBulk.ValidatedValueAsync(action, staff, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = selection is not null
            ? db.Customers.Where(c => selection.Contains(c.Id))
            : await MatchingAsync(db, everyMatch ?? new CustomerListQuery(null), ct);
        var done = await ChunkedBulk.RunAsync(scope.Select(c => c.Id), (ids, token) => ApplyAsync(action.Kind, value, ids, token),
            progress, ct);
        log.LogInformation("Bulk {Action} '{Value}' applied to {Count} customers", action.Kind, value, done);
        return done;
    }

    private async Task<IQueryable<Domain.Customers.Customer>> MatchingAsync(CrmDbContext db, CustomerListQuery q, CancellationToken ct)
    {
        var customers = await CustomerFilters.ApplyAsync(db, db.Customers, q.Filter, ct);
        if (string.IsNullOrWhiteSpace(q.Search)) return customers;
        // The whole result of a search, not just the shown first thousand.
        var ids = providerSql.SearchCustomerIds(db, q.Search, int.MaxValue);
        return customers.Where(c => ids.Contains(c.Id));
    }

    private async Task ApplyAsync(BulkActionKind kind, string? value, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (kind == BulkActionKind.AssignOwner)
            await db.Customers.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerId, value), ct);
        else
            await RecordBulk.TagAsync(db, kind, value!, ids, ct);
        await tx.CommitAsync(ct);
    }
}
