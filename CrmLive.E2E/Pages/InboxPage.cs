using Microsoft.Playwright;

namespace CrmLive.E2E.Pages;

/// <summary>The agent inbox as a person uses it.</summary>
public sealed class InboxPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/inbox");
        await page.GetByTestId("inbox").WaitForAsync();
        // Interactive once Blazor's circuit is up: the list is then live.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
    }

    public ILocator Conversations => page.GetByTestId("conversation-item");

    public async Task ShowAsync(string view)
    {
        await page.GetByTestId($"view-{view}").ClickAsync();
        await page.Locator($"[data-testid=view-{view}][data-selected=true]").WaitForAsync();
    }

    public ILocator ConversationWithPreview(string text) =>
        Conversations.Filter(new LocatorFilterOptions { HasText = text });

    public ILocator ThreadMessages => page.GetByTestId("thread-message");

    public async Task ReplyAsync(string text)
    {
        var input = page.GetByPlaceholder("Reply… (Markdown, Enter to send)");
        await input.FillAsync(text);
        await page.GetByTestId("composer-send").ClickAsync();
    }
}
