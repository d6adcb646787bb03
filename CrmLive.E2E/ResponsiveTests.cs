using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>Every main screen fits a phone-sized viewport without sideways scrolling, in light and dark mode.</summary>
[Collection(E2ECollection.Name)]
public class ResponsiveTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/inbox", "inbox")]
    [InlineData("/customers", "customer-link")]
    [InlineData("/companies", "company-link")]
    [InlineData("/dashboard", "tile-waiting")]
    [InlineData("/settings/replies", "replies")]
    [InlineData("/settings/fields", "field-label")]
    [InlineData("/bot/intents", "intent-list")]
    [InlineData("/bot/reports", "bot-conversations")]
    [InlineData("/bot/rules", "rules")]
    public async Task Screen_AtPhoneWidth_HasNoHorizontalOverflow(string path, string landmark)
    {
        var page = await browser.NewPageAsync(390, 844);
        await new SignInPage(page).SignInAsync("manager@crmlive.demo", returnUrl: path);
        await Expect(page.GetByTestId(landmark).First).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

        await BrowserFixture.ScreenshotAsync(page, $"narrow{path.Replace('/', '-')}");
        Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow}px at 390px wide");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DarkMode_Toggle_SwitchesTheTheme()
    {
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync("agent1@crmlive.demo", returnUrl: "/customers");
        await Expect(page.GetByTestId("customer-link").First).ToBeVisibleAsync();
        var before = await BackgroundAsync(page);

        await page.GetByTestId("toggle-dark").ClickAsync();

        await page.WaitForFunctionAsync(
            "before => getComputedStyle(document.body).backgroundColor !== before", before);
        await BrowserFixture.ScreenshotAsync(page, "customers-dark");
        await page.Context.CloseAsync();
    }

    private static Task<string> BackgroundAsync(Microsoft.Playwright.IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
