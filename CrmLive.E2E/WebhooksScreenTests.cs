using CrmLive.Domain.Audit;
using CrmLive.Domain.Webhooks;
using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using CrmLive.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>An Admin adds a webhook in the browser, sends a test event to a real receiver and sees it in the log.</summary>
[Collection(E2ECollection.Name)]
public class WebhooksScreenTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_AddsWebhook_SendsTestEvent_AndSeesTheDeliveryLogged()
    {
        await using var receiver = await StartReceiverAsync();
        var url = $"{receiver.Url}/hooks/{Guid.NewGuid():N}"[..60];
        // A second, unreachable one, so the log also shows what a failure looks like.
        var broken = await browser.App.Service<WebhookSubscriptions>().CreateAsync(new WebhookInput(
            "http://127.0.0.1:9/unreachable", "Old ERP endpoint", [WebhookEventTypes.CustomerCreated, WebhookEventTypes.CustomerUpdated]),
            AuditActor.System);
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync("admin@crmlive.demo", returnUrl: "/settings/webhooks");
        await Expect(page.GetByTestId("webhook-add")).ToBeVisibleAsync();
        await BrowserFixture.WaitLiveAsync(page);

        await page.GetByTestId("webhook-add").ClickAsync();
        await page.GetByTestId("webhook-url").FillAsync(url);
        await page.GetByTestId("webhook-description").FillAsync("Shop sync");
        await BrowserFixture.ScreenshotAsync(page, "webhooks-dialog");
        await page.GetByTestId("webhook-save").ClickAsync();
        var card = page.GetByTestId("webhook-card").Filter(new() { HasText = url });
        await Expect(card).ToBeVisibleAsync();

        await card.GetByTestId("webhook-test").ClickAsync();
        await Expect(card.GetByTestId("webhook-log-status").First).ToHaveTextAsync("204");
        var brokenCard = page.GetByTestId("webhook-card").Filter(new() { HasText = "unreachable" });
        await brokenCard.GetByTestId("webhook-test").ClickAsync();
        await Expect(brokenCard.GetByTestId("webhook-log-status").First).ToHaveTextAsync("—");

        await BrowserFixture.ScreenshotAsync(page, "webhooks-desktop-light");
        await page.GetByTestId("toggle-dark").ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "webhooks-desktop-dark");
        await page.SetViewportSizeAsync(390, 844);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        await BrowserFixture.ScreenshotAsync(page, "webhooks-narrow-dark");
        await page.GetByTestId("toggle-dark").ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "webhooks-narrow-light");
        Assert.True(overflow <= 0, $"the webhooks page scrolls sideways by {overflow}px at 390px wide");
        Assert.Single(receiver.Events, "webhook.test");
        // The app is shared with other E2E tests: leave no webhooks behind pointing at receivers that are gone.
        var webhooks = browser.App.Service<WebhookSubscriptions>();
        foreach (var hook in (await webhooks.ListAsync()).Where(h => h.Id == broken || h.Url == url))
            await webhooks.DeleteAsync(hook.Id, AuditActor.System);
        await page.Context.CloseAsync();
    }

    private sealed class Receiver(WebApplication app, string url, List<string> events) : IAsyncDisposable
    {
        public string Url { get; } = url;
        public List<string> Events { get; } = events;
        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    private static async Task<Receiver> StartReceiverAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var events = new List<string>();
        app.MapPost("/{**path}", (HttpContext context) =>
        {
            lock (events) events.Add(context.Request.Headers["X-CrmLive-Event"].ToString());
            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Receiver(app, address.TrimEnd('/'), events);
    }
}
