using Bunit;
using CrmLive.Domain.Deals;
using CrmLive.Infrastructure.Deals;
using CrmLive.Web.Components.Deals;
using MudBlazor.Services;

namespace CrmLive.Tests.Web.Components.Deals;

/// <summary>The board as drawn from a given data set: columns in pipeline order, headers, cards.</summary>
public sealed class PipelineBoardTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly BunitContext _ctx = new();

    public PipelineBoardTests()
    {
        _ctx.Services.AddMudServices();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static DealCard Card(string title, DealStage stage, decimal amount, string currency = "EUR",
        DateOnly? close = null, string? owner = null) =>
        new(Guid.NewGuid(), title, Guid.NewGuid(), $"Customer of {title}", amount, currency, stage, owner is null ? null : "u1",
            owner, close, 0, null);

    private static DealBoard Board(params DealColumn[] columns) =>
        new(Enum.GetValues<DealStage>()
            .Select(s => columns.FirstOrDefault(c => c.Stage == s) ?? new DealColumn(s, [], 0, []))
            .ToList());

    [Fact]
    public void Render_ShowsEveryStageWithItsCountSumsAndCardsInOrder()
    {
        var lead = new DealColumn(DealStage.Lead,
            [Card("Fleet renewal", DealStage.Lead, 1200), Card("Spare parts", DealStage.Lead, 80.5m, "USD")],
            Count: 2, Totals: [new MoneyTotal("EUR", 1200), new MoneyTotal("USD", 80.5m)]);
        var won = new DealColumn(DealStage.Won, [Card("Annual contract", DealStage.Won, 50000)], 1, [new MoneyTotal("EUR", 50000)]);

        var cut = _ctx.Render<PipelineBoard>(p => p.Add(x => x.Board, Board(lead, won)).Add(x => x.Today, Today));

        var columns = cut.FindAll("[data-testid=deal-column]");
        Assert.Equal(["Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"], columns.Select(c => c.GetAttribute("data-stage")));
        Assert.Equal(["2", "0", "0", "0", "1", "0"],
            cut.FindAll("[data-testid=deal-column-count]").Select(e => e.TextContent.Trim()));
        Assert.Equal("1,200 EUR · 80.50 USD", cut.FindAll("[data-testid=deal-column-sum]")[0].TextContent.Trim());
        Assert.Equal("—", cut.FindAll("[data-testid=deal-column-sum]")[1].TextContent.Trim());
        Assert.Equal(["Fleet renewal", "Spare parts"],
            columns[0].QuerySelectorAll("[data-testid=deal-title]").Select(e => e.TextContent.Trim()));
        Assert.Equal("Annual contract", columns[4].QuerySelector("[data-testid=deal-title]")!.TextContent.Trim());
        Assert.Contains("deal-column-closed", columns[4].ClassList);
        Assert.DoesNotContain("deal-column-closed", columns[0].ClassList);
    }

    [Fact]
    public void Card_ShowsCustomerLinkAmountOwnerInitials_AndOverdueOnlyWhileOpen()
    {
        var late = Card("Late one", DealStage.Proposal, 99, close: Today.AddDays(-1), owner: "Sofia Martins");
        var onTime = Card("On time", DealStage.Proposal, 10, close: Today.AddDays(3));
        var closedLate = Card("Closed late", DealStage.Won, 10, close: Today.AddDays(-10));
        var board = Board(new DealColumn(DealStage.Proposal, [late, onTime], 2, []),
            new DealColumn(DealStage.Won, [closedLate], 1, []));

        var cut = _ctx.Render<PipelineBoard>(p => p.Add(x => x.Board, board).Add(x => x.Today, Today));

        var cards = cut.FindAll("[data-testid=deal-card]");
        Assert.Equal(3, cards.Count);
        Assert.Equal($"customers/{late.CustomerId}", cards[0].QuerySelector("[data-testid=deal-customer]")!.GetAttribute("href"));
        Assert.Equal("99 EUR", cards[0].QuerySelector("[data-testid=deal-amount]")!.TextContent.Trim());
        Assert.Contains("SM", cards[0].TextContent);
        Assert.NotNull(cards[0].QuerySelector("[data-testid=deal-overdue]"));
        Assert.Null(cards[1].QuerySelector("[data-testid=deal-overdue]"));
        Assert.NotNull(cards[1].QuerySelector("[data-testid=deal-close]"));
        Assert.Null(cards[2].QuerySelector("[data-testid=deal-overdue]"));
    }

    [Fact]
    public void Click_OnACard_OpensThatDeal()
    {
        var a = Card("A", DealStage.Lead, 1);
        var b = Card("B", DealStage.Lead, 2);
        DealCard? opened = null;
        var cut = _ctx.Render<PipelineBoard>(p => p
            .Add(x => x.Board, Board(new DealColumn(DealStage.Lead, [a, b], 2, [])))
            .Add(x => x.OnOpen, (DealCard d) => opened = d));

        cut.FindAll("[data-testid=deal-card]")[1].Click();

        Assert.Equal(b, opened);
    }

    [Fact]
    public void Render_MoreDealsThanShown_SaysHowManyAreHidden()
    {
        var board = Board(new DealColumn(DealStage.Lead, [Card("Shown", DealStage.Lead, 1)], 120, []));

        var cut = _ctx.Render<PipelineBoard>(p => p.Add(x => x.Board, board));

        Assert.Contains("+119 more", cut.Find(".deal-more").TextContent);
    }
}
