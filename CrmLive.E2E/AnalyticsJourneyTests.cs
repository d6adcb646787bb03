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
}
