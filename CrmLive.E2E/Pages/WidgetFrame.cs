using Microsoft.Playwright;

namespace CrmLive.E2E.Pages;

/// <summary>The customer's widget on the demo shop page. Playwright's CSS locators pierce its open shadow root.</summary>
public sealed class WidgetFrame(IPage page)
{
    public async Task OpenAsync(string path = "/demo")
    {
        await page.GotoAsync(path);
        await page.GetByTestId("crm-launcher").ClickAsync();
        await page.GetByTestId("crm-panel").WaitForAsync();
    }

    public ILocator Messages => page.GetByTestId("crm-message");

    public ILocator MessagesFrom(string sender) => page.Locator($"[data-testid=crm-message][data-sender={sender}]");

    public async Task SendAsync(string text)
    {
        await page.GetByTestId("crm-input").FillAsync(text);
        await page.GetByTestId("crm-send").ClickAsync();
    }
}
