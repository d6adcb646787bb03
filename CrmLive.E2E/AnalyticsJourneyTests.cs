using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>A manager recomputes the customer analytics, watches it run, and opens the customers of one segment.</summary>
[Collection(E2ECollection.Name)]
public class AnalyticsJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1400, 900)]
    [InlineData(400, 844)]
    public async Task Manager_RecomputesAnalytics_SeesSegmentsAndTiers_AndOpensASegmentsCustomers(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await new SignInPage(page).SignInAsync("manager@crmlive.demo", returnUrl: "/analytics");
        await page.Locator("[data-testid=analytics][data-live=true]").WaitForAsync();
        var runs = page.GetByTestId("runs").Locator("tbody tr");
        var runsBefore = await page.GetByTestId("runs").CountAsync() == 0 ? 0 : await runs.CountAsync();

        await page.GetByTestId("recompute").ClickAsync();

        // The run's stages come live; the page reloads its findings when it ends, with one more run listed.
        await Expect(page.GetByTestId("segment-row").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("analytics-progress")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Expect(runs).ToHaveCountAsync(runsBefore + 1, new() { Timeout = 60_000 });
        await Expect(runs.First).ToContainTextAsync("Succeeded");
        await Expect(page.GetByTestId("tile-auc").GetByTestId("tile-value")).Not.ToHaveTextAsync("");
        await Expect(page.GetByTestId("tiers").Locator("svg").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"analytics-{width}");

        var firstSegment = page.GetByTestId("segment-row").First.Locator("a");
        var segment = await firstSegment.InnerTextAsync();
        await firstSegment.ClickAsync();

        await Expect(page.GetByTestId("filter-segment")).ToContainTextAsync(segment);
        await Expect(page.GetByTestId("customer-link").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"analytics-segment-customers-{width}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOpen360Page_ShowsTheCustomersNewScores_WhenARecomputeSavesThem_WithoutReload()
    {
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync("manager@crmlive.demo", returnUrl: "/customers");
        await BrowserFixture.WaitLiveAsync(page);
        await page.GetByTestId("customer-new").ClickAsync();
        await page.GetByTestId("new-customer-name").FillAsync("Nora Fresh " + Guid.NewGuid().ToString("N")[..5]);
        await page.GetByTestId("new-customer-save").ClickAsync();
        var segment = page.GetByTestId("metric-segment");
        await Expect(segment).ToHaveTextAsync("not computed yet");
        await BrowserFixture.WaitLiveAsync(page);

        var analytics = await page.Context.NewPageAsync(); // the manager's second tab
        await analytics.GotoAsync("/analytics");
        await analytics.Locator("[data-testid=analytics][data-live=true]").WaitForAsync();
        await analytics.GetByTestId("recompute").ClickAsync();

        // Someone who never ordered is a prospect; the 360 page learns it from the run itself.
        await Expect(segment).ToHaveTextAsync("Prospects", new() { Timeout = 60_000 });
        await page.Context.CloseAsync();
    }
}
