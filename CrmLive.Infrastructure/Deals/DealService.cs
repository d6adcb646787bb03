using System.Globalization;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Deals;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Deals;

/// <summary>
/// Changes to deals, as the board and its dialogs make them. Each is validated by the entity (a
/// <see cref="DomainException"/> carries the message to show), lands on the customer's timeline when it is a new deal
/// or a stage change, and is announced so every open board and 360 page updates.
/// </summary>
public sealed class DealService(IDbContextFactory<CrmDbContext> dbFactory, ILiveEventBus bus, TimeProvider clock)
{
    public async Task<Guid> CreateAsync(DealInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureCustomerAsync(db, input.CustomerId, ct);
        var ownerId = await OwnerAsync(db, input.OwnerId, ct);
        var now = clock.GetUtcNow();
        var deal = new Deal(input.CustomerId, input.Title, input.Amount, input.Currency, ownerId, input.ExpectedClose, now,
            input.ConversationId);
        db.Deals.Add(deal);
        db.Timeline.Add(new TimelineEntry(deal.CustomerId, now, TimelineKind.Deal, $"Deal opened: {deal.Title}",
            Money(deal), deal.Id));
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(deal, ct);
        return deal.Id;
    }

    /// <summary>Changes what a deal is (title, amount, owner, expected close); its customer and stage stay.</summary>
    public async Task EditAsync(Guid dealId, DealInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deal = await FindAsync(db, dealId, ct);
        var ownerId = await OwnerAsync(db, input.OwnerId, ct);
        deal.Edit(input.Title, input.Amount, input.Currency, ownerId, input.ExpectedClose, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(deal, ct);
    }

    /// <summary>
    /// Puts a deal into <paramref name="stage"/> between two cards of that column as the person sees it: below
    /// <paramref name="aboveId"/> and above <paramref name="belowId"/> (null for the top or bottom). A neighbour that
    /// has meanwhile left the column is ignored. A stage change lands on the timeline; a reorder does not.
    /// </summary>
    public async Task MoveAsync(Guid dealId, DealStage stage, Guid? aboveId, Guid? belowId, string? lostReason = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deal = await FindAsync(db, dealId, ct);
        var from = deal.Stage;
        var neighbours = await db.Deals.AsNoTracking()
            .Where(d => d.Stage == stage && d.Id != dealId && (d.Id == aboveId || d.Id == belowId))
            .Select(d => new { d.Id, d.Position }).ToListAsync(ct);
        var above = neighbours.FirstOrDefault(n => n.Id == aboveId)?.Position;
        var below = neighbours.FirstOrDefault(n => n.Id == belowId)?.Position;
        var position = (above, below) switch
        {
            (null, null) when from == stage => deal.Position,
            // Moved without a place (an empty column, or from a list rather than the board): to the bottom.
            (null, null) => await db.Deals.Where(d => d.Stage == stage).MaxAsync(d => (double?)d.Position, ct) + BoardPosition.Gap ?? 0,
            _ => BoardPosition.Between(above, below),
        };

        var now = clock.GetUtcNow();
        deal.MoveTo(stage, now, position, lostReason);
        if (position is null) await RenumberAsync(db, deal, aboveId, ct);
        if (from != stage)
            db.Timeline.Add(new TimelineEntry(deal.CustomerId, now, TimelineKind.Deal, $"Deal moved to {stage}: {deal.Title}",
                stage == DealStage.Lost && deal.LostReason is { } reason ? $"Reason: {reason}" : Money(deal), deal.Id));
        await db.SaveChangesAsync(ct);
        await AnnounceAsync(deal, ct);
    }

    /// <summary>Spreads the column out again, with the moved deal right below <paramref name="aboveId"/> (or first).</summary>
    private static async Task RenumberAsync(CrmDbContext db, Deal moved, Guid? aboveId, CancellationToken ct)
    {
        var column = await db.Deals.Where(d => d.Stage == moved.Stage && d.Id != moved.Id)
            .OrderBy(d => d.Position).ThenBy(d => d.Id).ToListAsync(ct);
        column.Insert(column.FindIndex(d => d.Id == aboveId) + 1, moved);
        for (var i = 0; i < column.Count; i++)
            column[i].MoveTo(column[i].Stage, column[i].UpdatedAt, (i + 1) * BoardPosition.Gap);
    }

    private async Task AnnounceAsync(Deal deal, CancellationToken ct)
    {
        await bus.PublishAsync(new DealChanged(deal.Id, deal.CustomerId, deal.Stage), ct);
        await bus.PublishAsync(new CustomerChanged(deal.CustomerId, "deal"), ct);
    }

    private static string Money(Deal deal) =>
        string.Create(CultureInfo.InvariantCulture, $"{deal.Amount:#,0.00} {deal.Currency}");

    private static async Task<Deal> FindAsync(CrmDbContext db, Guid dealId, CancellationToken ct) =>
        await db.Deals.SingleOrDefaultAsync(d => d.Id == dealId, ct)
        ?? throw new DomainException("This deal no longer exists.");

    private static async Task EnsureCustomerAsync(CrmDbContext db, Guid customerId, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct))
            throw new DomainException("Pick the customer this deal is with.");
    }

    private static async Task<string?> OwnerAsync(CrmDbContext db, string? ownerId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ownerId)) return null;
        return await db.Users.AnyAsync(u => u.Id == ownerId, ct)
            ? ownerId
            : throw new DomainException("That person is not on the team.");
    }
}
