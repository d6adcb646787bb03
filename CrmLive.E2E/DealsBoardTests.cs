using CrmLive.Domain.Deals;
using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Deals;
using CrmLive.Infrastructure.Identity;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>An agent works the pipeline board in a real browser.</summary>
[Collection(E2ECollection.Name)]
public class DealsBoardTests(BrowserFixture browser)
{
    private async Task<(Guid Id, string Title)> NewDealAsync(string title, decimal amount, DealStage stage = DealStage.Lead,
        DateOnly? close = null)
    {
        var customers = await browser.App.Service<CustomerQueries>().ListAsync(new CustomerListQuery(null, PageSize: 20));
        var staff = await browser.App.Service<StaffDirectory>().AllAsync();
        var unique = $"{title} {Guid.NewGuid():N}"[..(title.Length + 5)];
        var index = Math.Abs(unique.GetHashCode());
        var deals = browser.App.Service<DealService>();
        var id = await deals.CreateAsync(new DealInput(customers.Items[index % customers.Items.Count].Id, unique, amount, "EUR",
            staff[index % staff.Count].Id, close ?? DateOnly.FromDateTime(DateTime.Today.AddDays(index % 40 - 10))));
        if (stage != DealStage.Lead) await deals.MoveAsync(id, stage, null, null);
        return (id, unique);
    }

    [Fact]
    public async Task DragACard_ToAnotherStage_IsSavedAndStaysThereAfterReload()
    {
        var (id, title) = await NewDealAsync("Drag me", 4200);
        var page = await browser.NewPageAsync(1400, 900);
        await new SignInPage(page).SignInAsync("agent1@crmlive.demo", returnUrl: "/deals");
        var board = new DealsBoardPage(page);
        await board.OpenAsync();
        await Expect(board.CardIn("Lead", title)).ToBeVisibleAsync();

        await board.DragAsync(title, "Proposal");

        await Expect(board.CardIn("Proposal", title)).ToBeVisibleAsync();
        var deals = browser.App.Service<DealQueries>();
        await Expect(page.GetByText($"“{title}” moved to Proposal")).ToBeVisibleAsync();
        Assert.Equal(DealStage.Proposal, (await deals.GetAsync(id))!.Stage);

        await page.ReloadAsync();
        await board.OpenAsync();
        await Expect(board.CardIn("Proposal", title)).ToBeVisibleAsync();
        await Expect(board.CardIn("Lead", title)).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task NewDeal_Dialog_ValidatesThenCreatesTheDealInLead()
    {
        var page = await browser.NewPageAsync(1400, 900);
        await new SignInPage(page).SignInAsync("agent2@crmlive.demo", returnUrl: "/deals");
        var board = new DealsBoardPage(page);
        await board.OpenAsync();
        var title = $"Dialog deal {Guid.NewGuid():N}"[..17];

        await page.GetByTestId("deal-new").ClickAsync();
        await page.GetByTestId("deal-save").ClickAsync();
        await Expect(page.GetByText("Give the deal a short title.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Pick the customer this deal is with.")).ToBeVisibleAsync();

        await page.GetByTestId("deal-title-input").FillAsync(title);
        await page.GetByTestId("deal-customer-input").PressSequentiallyAsync("Aiko");
        await page.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        // The choice re-renders the dialog; typing the amount before that lands would be overwritten.
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        var amount = page.GetByTestId("deal-amount-input");
        await amount.FillAsync("1234");
        await amount.PressAsync("Tab");
        await Expect(amount).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^1,?234"));
        await page.GetByTestId("deal-save").ClickAsync();

        await Expect(page.GetByTestId("deal-dialog")).ToHaveCountAsync(0);
        await Expect(board.CardIn("Lead", title)).ToBeVisibleAsync();
        await Expect(board.CardIn("Lead", title).GetByTestId("deal-amount")).ToHaveTextAsync("1,234 EUR");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Board_AtDesktopAndPhoneWidth_InLightAndDark_Screenshots()
    {
        foreach (var (title, amount, stage) in new[]
                 {
                     ("Fleet renewal", 12000m, DealStage.Lead), ("Spare parts", 850m, DealStage.Lead),
                     ("Team jackets", 3200m, DealStage.Qualified), ("Winter catalogue", 18000m, DealStage.Proposal),
                     ("Store fit-out", 56000m, DealStage.Negotiation), ("Annual contract", 24000m, DealStage.Won),
                     ("Pop-up shop", 4000m, DealStage.Lost),
                 })
            await NewDealAsync(title, amount, stage);

        foreach (var width in new[] { 1400, 400 })
        {
            var page = await browser.NewPageAsync(width, 900);
            await new SignInPage(page).SignInAsync("manager@crmlive.demo", returnUrl: "/deals");
            await new DealsBoardPage(page).OpenAsync();
            await Expect(page.GetByTestId("deal-card").First).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            await BrowserFixture.ScreenshotAsync(page, $"deals-{width}");
            var light = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
            await page.GetByTestId("toggle-dark").ClickAsync();
            await page.WaitForFunctionAsync("before => getComputedStyle(document.body).backgroundColor !== before", light);
            await BrowserFixture.ScreenshotAsync(page, $"deals-{width}-dark");
            Assert.True(overflow <= 0, $"/deals scrolls sideways by {overflow}px at {width}px wide");
            await page.Context.CloseAsync();
        }
    }
}
