using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>An Admin creates an API key, copies the secret shown once, and revokes it; at desktop and phone width.</summary>
[Collection(E2ECollection.Name)]
public class ApiKeysPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1400)]
    [InlineData(390)]
    public async Task CreateShowsTheSecretOnce_RevokeMarksTheKey(int width)
    {
        var page = await browser.NewPageAsync(width, 900);
        await new SignInPage(page).SignInAsync("admin@crmlive.demo", returnUrl: "/settings/api-keys");
        await BrowserFixture.WaitLiveAsync(page);
        var name = $"Shop {width}";

        await page.GetByTestId("apikey-name").FillAsync(name);
        await page.GetByTestId("apikey-scope").ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Option, new() { Name = "Read and write" }).ClickAsync();
        await page.GetByTestId("apikey-create").ClickAsync();

        var secret = page.GetByTestId("apikey-secret");
        await Expect(secret).ToContainTextAsync("crm_");
        var shown = await secret.TextContentAsync();
        var row = page.Locator("tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("Read and write");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        await BrowserFixture.ScreenshotAsync(page, $"apikeys-{width}-created");

        await page.ReloadAsync();
        await BrowserFixture.WaitLiveAsync(page);
        await Expect(row).ToContainTextAsync("Active");
        await Expect(page.GetByTestId("apikey-secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(shown!, await page.ContentAsync());

        await row.GetByTestId("apikey-revoke").ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(row.GetByTestId("apikey-status")).ToContainTextAsync("Revoked");
        await BrowserFixture.ScreenshotAsync(page, $"apikeys-{width}");
        var light = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await page.GetByTestId("toggle-dark").ClickAsync();
        await page.WaitForFunctionAsync("before => getComputedStyle(document.body).backgroundColor !== before", light);
        await BrowserFixture.ScreenshotAsync(page, $"apikeys-{width}-dark");
        Assert.True(overflow <= 0, $"/settings/api-keys scrolls sideways by {overflow}px at {width}px wide");
        await page.Context.CloseAsync();
    }
}

/// <summary>The browsable API reference renders the OpenAPI document (its script is served by the app, not a CDN).</summary>
[Collection(E2ECollection.Name)]
public class ApiReferenceTests(BrowserFixture browser)
{
    [Fact]
    public async Task Reference_ShowsTheEndpoints()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/api/docs");

        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "CrmLive API" }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("Orders").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "api-reference");
        await page.Context.CloseAsync();
    }
}
