using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Companies;

/// <summary>
/// Tags or assigns many companies at once: a picked selection, or everything the list's search and filters match,
/// in chunks each written in its own transaction (see <see cref="ChunkedBulk"/>).
/// </summary>
public sealed class CompanyBulkActions(IDbContextFactory<CrmDbContext> dbFactory, StaffDirectory staff,
    ILogger<CompanyBulkActions> log)
{
    public async Task<int> RunAsync(BulkAction action, IReadOnlyCollection<Guid>? selection, CompanyListQuery? everyMatch,
        IProgress<BulkProgress>? progress, CancellationToken ct = default)
    {
        var value = await RecordBulk.ValidatedValueAsync(action, staff, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = selection is not null
            ? db.Companies.Where(c => selection.Contains(c.Id))
            : await CompanyQueries.FilterAsync(db, db.Companies, everyMatch ?? new CompanyListQuery(null), ct);
        var done = await ChunkedBulk.RunAsync(scope.Select(c => c.Id), (ids, token) => ApplyAsync(action.Kind, value, ids, token),
            progress, ct);
        log.LogInformation("Bulk {Action} '{Value}' applied to {Count} companies", action.Kind, value, done);
        return done;
    }

    private async Task ApplyAsync(BulkActionKind kind, string? value, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (kind == BulkActionKind.AssignOwner)
            await db.Companies.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OwnerId, value), ct);
        else
            await RecordBulk.TagAsync(db, kind, value!, ids, ct);
        await tx.CommitAsync(ct);
    }
}
