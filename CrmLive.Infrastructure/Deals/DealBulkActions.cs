using CrmLive.Domain.Deals;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Deals;

/// <summary>
/// Hands every deal the board shows (its owner filter, all columns, not only the cards on screen) to another owner,
/// e.g. when someone leaves. Chunked like every bulk action (see <see cref="ChunkedBulk"/>); each deal is announced as
/// an edit through <see cref="DealService"/> would be, so open boards and 360 pages follow.
/// </summary>
public sealed class DealBulkActions(IDbContextFactory<CrmDbContext> dbFactory, StaffDirectory staff, ILiveEventBus bus,
    TimeProvider clock, ILogger<DealBulkActions> log)
{
    /// <param name="openOnly">Leave won and lost deals with whoever closed them.</param>
    /// <param name="newOwnerId">A staff id, or null for nobody.</param>
    public async Task<int> ReassignAsync(DealBoardQuery board, bool openOnly, string? newOwnerId,
        IProgress<BulkProgress>? progress, CancellationToken ct = default)
    {
        var owner = await RecordBulk.OwnerAsync(newOwnerId, staff, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deals = DealQueries.Filter(db.Deals, board);
        if (openOnly) deals = deals.Where(d => d.Stage != DealStage.Won && d.Stage != DealStage.Lost);
        var done = await ChunkedBulk.RunAsync(deals.Select(d => d.Id), (ids, token) => ApplyAsync(ids, owner, token), progress, ct);
        log.LogInformation("Bulk: {Count} deals (owner {From}) reassigned to {To}", done, board.OwnerId ?? "anyone", owner ?? "nobody");
        return done;
    }

    private async Task ApplyAsync(IReadOnlyList<Guid> ids, string? owner, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deals = await db.Deals.Where(d => ids.Contains(d.Id) && d.OwnerId != owner).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var deal in deals) deal.Reassign(owner, now);
        // One SaveChanges is one transaction: the chunk lands whole or not at all.
        await db.SaveChangesAsync(ct);
        // Saved is saved: announce even after a Stop, or open boards would show the old owner.
        foreach (var deal in deals)
        {
            await bus.PublishAsync(new DealChanged(deal.Id, deal.CustomerId, deal.Stage), CancellationToken.None);
            await bus.PublishAsync(new CustomerChanged(deal.CustomerId, "deal"), CancellationToken.None);
        }
    }
}
