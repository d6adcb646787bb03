using Microsoft.Playwright;

namespace CrmLive.E2E.Pages;

/// <summary>The deal pipeline board as a person uses it.</summary>
public sealed class DealsBoardPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/deals");
        // The page marks itself live once its circuit is interactive and subscribed to live events.
        await page.Locator("[data-testid=deals-page][data-live=true]").WaitForAsync();
    }

    public ILocator Column(string stage) => page.Locator($"[data-testid=deal-column][data-stage={stage}]");

    public ILocator Card(string title) =>
        page.GetByTestId("deal-card").Filter(new LocatorFilterOptions { HasText = title });

    public ILocator CardIn(string stage, string title) =>
        Column(stage).GetByTestId("deal-card").Filter(new LocatorFilterOptions { HasText = title });

    /// <summary>Drags a card onto a column's drop zone (its empty space, so it lands at the bottom).</summary>
    public Task DragAsync(string title, string toStage) =>
        Card(title).DragToAsync(Column(toStage).Locator(".deal-zone"),
            new LocatorDragToOptions { TargetPosition = new TargetPosition { X = 40, Y = 10 } });
}
