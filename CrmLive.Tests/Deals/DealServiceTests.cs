using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Deals;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Deals;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Deals;

/// <summary>Deals against the real database: timeline entries, stage moves, column order, validation, board totals.</summary>
[Trait("Database", "Any")]
public class DealServiceTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private DealService Deals => app.Service<DealService>();
    private DealQueries Queries => app.Service<DealQueries>();

    private async Task<Guid> NewCustomerAsync()
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var customer = new Customer($"Deal Customer {unique}", $"d{unique}@x.example", null, null, DateTimeOffset.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    private Task<Guid> NewDealAsync(Guid customerId, string title, decimal amount = 100, string currency = "EUR",
        string? ownerId = null) =>
        Deals.CreateAsync(new DealInput(customerId, title, amount, currency, ownerId, null));

    private async Task<List<TimelineEntry>> TimelineAsync(Guid customerId)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Timeline.AsNoTracking().Where(t => t.CustomerId == customerId).OrderBy(t => t.Id).ToListAsync();
    }

    private async Task<Deal> LoadAsync(Guid dealId)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Deals.AsNoTracking().SingleAsync(d => d.Id == dealId);
    }

    [Fact]
    public async Task CreateAndMove_WriteTimelineEntries_AndAnnounceEveryChange()
    {
        var customerId = await NewCustomerAsync();
        var seen = new List<DealChanged>();
        var moved = new TaskCompletionSource<DealChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = app.Service<ILiveEventBus>().Subscribe<DealChanged>(e =>
        {
            if (e.CustomerId != customerId) return Task.CompletedTask;
            lock (seen) seen.Add(e);
            if (e.Stage == DealStage.Proposal) moved.TrySetResult(e);
            return Task.CompletedTask;
        });

        var dealId = await NewDealAsync(customerId, "Fleet renewal");
        await Deals.MoveAsync(dealId, DealStage.Proposal, null, null);

        var announced = await moved.Task.WithinAsync("the move to Proposal to be announced");
        Assert.Equal(dealId, announced.DealId);
        var timeline = await TimelineAsync(customerId);
        Assert.Collection(timeline,
            t => Assert.Equal("Deal opened: Fleet renewal", t.Title),
            t => Assert.Equal("Deal moved to Proposal: Fleet renewal", t.Title));
        Assert.All(timeline, t => Assert.Equal((TimelineKind.Deal, dealId), (t.Kind, t.SubjectId)));
        lock (seen) Assert.Contains(seen, e => e.Stage == DealStage.Lead);
    }

    [Fact]
    public async Task Move_ToWonSetsClosedAt_ReopeningClearsIt_AndLostKeepsTheReason()
    {
        var customerId = await NewCustomerAsync();
        var dealId = await NewDealAsync(customerId, "Big order");

        await Deals.MoveAsync(dealId, DealStage.Won, null, null);
        var won = await LoadAsync(dealId);
        Assert.Equal(DealStage.Won, won.Stage);
        Assert.NotNull(won.ClosedAt);

        await Deals.MoveAsync(dealId, DealStage.Negotiation, null, null);
        Assert.Null((await LoadAsync(dealId)).ClosedAt);

        await Deals.MoveAsync(dealId, DealStage.Lost, null, null, "Went with a competitor");
        var lost = await LoadAsync(dealId);
        Assert.NotNull(lost.ClosedAt);
        Assert.Equal("Went with a competitor", lost.LostReason);
        var last = (await TimelineAsync(customerId))[^1];
        Assert.Equal("Deal moved to Lost: Big order", last.Title);
        Assert.Equal("Reason: Went with a competitor", last.Detail);
    }

    [Fact]
    public async Task Move_BetweenNeighbours_OrdersTheColumn_WithoutTimelineForAReorder()
    {
        var customerId = await NewCustomerAsync();
        var a = await NewDealAsync(customerId, "A");
        var b = await NewDealAsync(customerId, "B");
        var c = await NewDealAsync(customerId, "C");
        foreach (var id in new[] { a, b, c }) await Deals.MoveAsync(id, DealStage.Qualified, null, null);
        var entriesBefore = (await TimelineAsync(customerId)).Count;

        await Deals.MoveAsync(c, DealStage.Qualified, a, b);
        Assert.Equal(["A", "C", "B"], (await Queries.ForCustomerAsync(customerId)).Select(d => d.Title));

        await Deals.MoveAsync(b, DealStage.Qualified, null, a);
        Assert.Equal(["B", "A", "C"], (await Queries.ForCustomerAsync(customerId)).Select(d => d.Title));
        Assert.Equal(entriesBefore, (await TimelineAsync(customerId)).Count);
    }

    [Fact]
    public async Task Move_ManyTimesIntoTheSameGap_RenumbersAndKeepsTheOrder()
    {
        var customerId = await NewCustomerAsync();
        var top = await NewDealAsync(customerId, "Top");
        var x = await NewDealAsync(customerId, "X");
        var y = await NewDealAsync(customerId, "Y");
        foreach (var id in new[] { top, x, y }) await Deals.MoveAsync(id, DealStage.Negotiation, null, null);

        // Each move halves the gap under "Top"; doubles run out long before 80 halvings.
        var (mover, other) = (x, y);
        for (var i = 0; i < 80; i++)
        {
            await Deals.MoveAsync(mover, DealStage.Negotiation, top, other);
            (mover, other) = (other, mover);
        }

        var titles = (await Queries.ForCustomerAsync(customerId)).Select(d => d.Title).ToList();
        Assert.Equal(["Top", other == x ? "X" : "Y", other == x ? "Y" : "X"], titles);
        var positions = (await Queries.ForCustomerAsync(customerId)).Select(d => d.Position).ToList();
        Assert.Equal(positions.Count, positions.Distinct().Count());
    }

    [Theory]
    [InlineData("", 10, "EUR", "Title")]
    [InlineData("Deal", -1, "EUR", "negative")]
    [InlineData("Deal", 10, "E1R", "three-letter")]
    [InlineData("Deal", 10, "EURO", "Currency")]
    public async Task Create_InvalidInput_ThrowsDomainExceptionWithAMessageToShow(string title, decimal amount,
        string currency, string expected)
    {
        var customerId = await NewCustomerAsync();
        var ex = await Assert.ThrowsAsync<DomainException>(() => NewDealAsync(customerId, title, amount, currency));
        Assert.Contains(expected, ex.Message);
        Assert.Empty(await TimelineAsync(customerId));
    }

    [Fact]
    public async Task CreateAndEdit_UnknownCustomerOrOwner_AreRefused()
    {
        await Assert.ThrowsAsync<DomainException>(() => NewDealAsync(Guid.NewGuid(), "Nobody's deal"));
        var customerId = await NewCustomerAsync();
        await Assert.ThrowsAsync<DomainException>(() => NewDealAsync(customerId, "Deal", ownerId: "no-such-user"));
        var dealId = await NewDealAsync(customerId, "Deal");
        var edit = await Assert.ThrowsAsync<DomainException>(() =>
            Deals.EditAsync(dealId, new DealInput(customerId, "Deal", -5, "EUR", null, null)));
        Assert.Contains("negative", edit.Message);
        await Assert.ThrowsAsync<DomainException>(() => Deals.MoveAsync(Guid.NewGuid(), DealStage.Won, null, null));
    }

    [Fact]
    public async Task Board_FilteredByOwner_CountsAndSumsEachStagePerCurrency()
    {
        // Nobody else's tests give deals to the admin, so this owner's board is exactly what is made here.
        var admin = (await app.Service<StaffDirectory>().AllAsync()).Single(s => s.DisplayName == "Ada Admin");
        var customerId = await NewCustomerAsync();
        await NewDealAsync(customerId, "One", 100.50m, "EUR", admin.Id);
        await NewDealAsync(customerId, "Two", 200m, "eur", admin.Id);
        await NewDealAsync(customerId, "Three", 50m, "USD", admin.Id);
        var won = await NewDealAsync(customerId, "Four", 1000m, "EUR", admin.Id);
        await Deals.MoveAsync(won, DealStage.Won, null, null);
        await NewDealAsync(customerId, "Someone else's", 999m, "EUR");

        var board = await Queries.BoardAsync(new DealBoardQuery(admin.Id));

        Assert.Equal(Enum.GetValues<DealStage>(), board.Columns.Select(c => c.Stage));
        var lead = board.Columns.Single(c => c.Stage == DealStage.Lead);
        Assert.Equal(3, lead.Count);
        Assert.Equal([new MoneyTotal("EUR", 300.50m), new MoneyTotal("USD", 50m)], lead.Totals);
        Assert.Equal(["One", "Two", "Three"], lead.Cards.Select(c => c.Title));
        Assert.All(lead.Cards, c => Assert.Equal("Ada Admin", c.OwnerName));
        Assert.All(lead.Cards, c => Assert.StartsWith("Deal Customer", c.CustomerName));
        Assert.Equal(1000m, Assert.Single(board.Columns.Single(c => c.Stage == DealStage.Won).Totals).Amount);
        Assert.Equal(0, board.Columns.Single(c => c.Stage == DealStage.Proposal).Count);
        Assert.DoesNotContain(board.Columns.SelectMany(c => c.Cards), c => c.Title == "Someone else's");
    }
}
