using CrmLive.Domain.Deals;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Deals;

/// <summary>Read side of the pipeline board and of a customer's deals.</summary>
public sealed class DealQueries(IDbContextFactory<CrmDbContext> dbFactory, StaffDirectory staff)
{
    /// <summary>A column shows at most this many cards; its count and totals still cover every deal in the stage.</summary>
    public const int CardsPerColumn = 100;

    public async Task<DealBoard> BoardAsync(DealBoardQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deals = Filter(db.Deals.AsNoTracking(), query);

        // One grouped query for every header; then one indexed (Stage, Position) read per column.
        var sums = await deals.GroupBy(d => new { d.Stage, d.Currency })
            .Select(g => new { g.Key.Stage, g.Key.Currency, Count = g.Count(), Sum = g.Sum(d => d.Amount) })
            .ToListAsync(ct);
        var owners = await OwnerNamesAsync(ct);
        var columns = new List<DealColumn>();
        foreach (var stage in Enum.GetValues<DealStage>())
        {
            var cards = await CardsAsync(db, deals.Where(d => d.Stage == stage), CardsPerColumn, owners, ct);
            var stageSums = sums.Where(s => s.Stage == stage).OrderByDescending(s => s.Sum).ToList();
            columns.Add(new DealColumn(stage, cards, stageSums.Sum(s => s.Count),
                stageSums.Select(s => new MoneyTotal(s.Currency, s.Sum)).ToList()));
        }
        return new DealBoard(columns);
    }

    /// <summary>Every deal a board query covers (not only the cards a column shows), stage by stage in board order.</summary>
    public async IAsyncEnumerable<DealCard> AllAsync(DealBoardQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        const int page = 1000;
        var owners = await OwnerNamesAsync(ct);
        foreach (var stage in Enum.GetValues<DealStage>())
        {
            for (var skip = 0; ; skip += page)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var cards = await CardsAsync(db, Filter(db.Deals.AsNoTracking(), query).Where(d => d.Stage == stage), page, owners,
                    ct, skip);
                foreach (var card in cards) yield return card;
                if (cards.Count < page) break;
            }
        }
    }

    /// <summary>The deals a board query shows, in every column; a bulk reassignment acts on exactly these.</summary>
    internal static IQueryable<Deal> Filter(IQueryable<Deal> deals, DealBoardQuery query) =>
        query.OwnerId is { } ownerId ? deals.Where(d => d.OwnerId == ownerId) : deals;

    /// <summary>A customer's deals: open ones first in pipeline order, then the closed ones.</summary>
    public async Task<IReadOnlyList<DealCard>> ForCustomerAsync(Guid customerId, bool openOnly = false,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deals = db.Deals.AsNoTracking().Where(d => d.CustomerId == customerId);
        if (openOnly) deals = deals.Where(d => d.Stage != DealStage.Won && d.Stage != DealStage.Lost);
        var cards = await CardsAsync(db, deals, 200, await OwnerNamesAsync(ct), ct);
        return cards.OrderBy(c => c.Stage is DealStage.Won or DealStage.Lost).ThenBy(c => c.Stage).ThenBy(c => c.Position).ToList();
    }

    public async Task<DealCard?> GetAsync(Guid dealId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cards = await CardsAsync(db, db.Deals.AsNoTracking().Where(d => d.Id == dealId), 1, await OwnerNamesAsync(ct), ct);
        return cards.SingleOrDefault();
    }

    private async Task<Dictionary<string, string>> OwnerNamesAsync(CancellationToken ct) =>
        (await staff.AllAsync(ct)).ToDictionary(s => s.Id, s => s.DisplayName);

    private static async Task<IReadOnlyList<DealCard>> CardsAsync(CrmDbContext db, IQueryable<Deal> deals, int take,
        IReadOnlyDictionary<string, string> owners, CancellationToken ct, int skip = 0)
    {
        var rows = await (
                from d in deals
                join c in db.Customers on d.CustomerId equals c.Id
                orderby d.Position, d.Id
                select new { Deal = d, CustomerName = c.Name })
            .Skip(skip).Take(take).ToListAsync(ct);
        return rows.Select(r => new DealCard(r.Deal.Id, r.Deal.Title, r.Deal.CustomerId, r.CustomerName, r.Deal.Amount,
                r.Deal.Currency, r.Deal.Stage, r.Deal.OwnerId,
                r.Deal.OwnerId is { } id ? owners.GetValueOrDefault(id) : null, r.Deal.ExpectedClose, r.Deal.Position,
                r.Deal.LostReason))
            .ToList();
    }
}
