using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Webhooks;
using CrmLive.Tests.Support;
using CrmLive.Web.Audit;
using CrmLive.Web.Components.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CrmLive.Tests.Webhooks;

/// <summary>The settings page on the real services, database and job server, delivering to a real receiver.</summary>
[Trait("Database", "Any")]
[Collection(WebhookCollection.Name)]
public sealed class WebhooksPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = Eventually.Limit;
    private readonly WebhookFixture _fixture;
    private readonly BunitContext _ctx = new();

    public WebhooksPageTests(WebhookFixture fixture)
    {
        _fixture = fixture;
        _ctx.Services.AddMudServices();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        foreach (var type in new[] { typeof(WebhookSubscriptions), typeof(ILiveEventBus), typeof(TimeProvider) })
            _ctx.Services.AddSingleton(type, fixture.App.Services.GetRequiredService(type));
        _ctx.Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        _ctx.Services.AddScoped<AuditActorAccessor>();
        _ctx.AddAuthorization().SetAuthorized("Page Admin").SetRoles("Admin")
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, "page-admin"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<MudDialogProvider> RenderPage(out Func<IRenderedComponent<WebhooksPage>> page)
    {
        var dialogs = _ctx.Render<MudDialogProvider>();
        var cut = _ctx.Render<WebhooksPage>();
        page = () => cut;
        return dialogs;
    }

    private static IElement Input(IRenderedComponent<MudDialogProvider> dialogs, string testId)
    {
        var element = dialogs.Find($"[data-testid={testId}]");
        return element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
    }

    [Fact]
    public async Task AddWebhook_SendTestEvent_TheAttemptAppearsInTheLog()
    {
        var dialogs = RenderPage(out var page);
        var path = $"/page/{Guid.NewGuid():N}";
        page().WaitForAssertion(() => Assert.NotNull(page().Find("[data-testid=webhook-add]")), Patience);

        page().Find("[data-testid=webhook-add]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=webhook-dialog]")), Patience);
        Input(dialogs, "webhook-url").Input(_fixture.Receiver.BaseUrl + path);
        Input(dialogs, "webhook-description").Change("Page test");
        dialogs.Find("[data-testid=webhook-save]").Click();

        page().WaitForAssertion(() => Assert.Contains(page().FindAll("[data-testid=webhook-card]"),
            c => c.TextContent.Contains(path)), Patience);
        var card = page().FindAll("[data-testid=webhook-card]").Single(c => c.TextContent.Contains(path));
        Assert.Contains("Active", card.QuerySelector("[data-testid=webhook-status]")!.TextContent);
        Assert.Contains(await _fixture.App.Service<AuditLog>().RecentAsync(AuditActions.WebhookCreated),
            a => a.Target.Contains(path) && a.ActorName == "Page Admin");

        // Found and clicked in one go: the live log may re-render the page at any moment.
        await page().InvokeAsync(() => page().FindAll("[data-testid=webhook-card]").Single(c => c.TextContent.Contains(path))
            .QuerySelector("[data-testid=webhook-test]")!.Click());

        page().WaitForAssertion(() =>
        {
            var mine = page().FindAll("[data-testid=webhook-card]").Single(c => c.TextContent.Contains(path));
            var status = mine.QuerySelector("[data-testid=webhook-log] [data-testid=webhook-log-status]");
            Assert.NotNull(status);
            Assert.Equal("204", status!.TextContent.Trim());
            Assert.Contains("webhook.test", mine.QuerySelector("[data-testid=webhook-log]")!.TextContent);
        }, Patience);
        Assert.Single(_fixture.Receiver.At(path), r => r.Header("X-CrmLive-Event") == "webhook.test");
    }

    [Fact]
    public void BadUrl_IsRefusedInTheDialog_WithTheReason()
    {
        var dialogs = RenderPage(out var page);
        page().WaitForAssertion(() => Assert.NotNull(page().Find("[data-testid=webhook-add]")), Patience);

        page().Find("[data-testid=webhook-add]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=webhook-dialog]")), Patience);
        Input(dialogs, "webhook-url").Input("http://hooks.example.com/crm");
        dialogs.Find("[data-testid=webhook-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("https://", dialogs.Find("[data-testid=webhook-error]").TextContent), Patience);
    }
}
