using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>An Admin changes when the bot retrains; a schedule Hangfire cannot read is refused in place.</summary>
[Collection(E2ECollection.Name)]
public class SchedulesPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1400, 900)]
    [InlineData(400, 844)]
    public async Task Admin_ChangesASchedule_AndABadOneIsRefused(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await new SignInPage(page).SignInAsync("admin@crmlive.demo", returnUrl: "/settings/schedules");
        await BrowserFixture.WaitLiveAsync(page);
        var bot = page.Locator("[data-testid=schedule][data-job=bot-retrain]");
        var cron = bot.GetByTestId("schedule-cron");

        await cron.FillAsync("every night");
        await bot.GetByTestId("schedule-save").ClickAsync();
        await Expect(bot).ToContainTextAsync("not a cron expression");

        var minute = width == 400 ? "40" : "45";
        await cron.FillAsync($"{minute} 3 * * *");
        await bot.GetByTestId("schedule-save").ClickAsync();
        await Expect(bot).ToContainTextAsync("Set by");
        await Expect(bot).Not.ToContainTextAsync("not a cron expression");
        await Expect(cron).ToHaveValueAsync($"{minute} 3 * * *");
        await BrowserFixture.ScreenshotAsync(page, $"schedules-{width}");
        await page.Context.CloseAsync();
    }
}
