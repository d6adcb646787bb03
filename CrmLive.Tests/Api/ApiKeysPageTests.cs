using Bunit;
using CrmLive.Infrastructure.Api;
using CrmLive.Tests.Support;
using CrmLive.Web.Audit;
using CrmLive.Web.Components.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;

namespace CrmLive.Tests.Api;

/// <summary>The Admin's API-keys page over the real key store: create, see the secret once, revoke.</summary>
public sealed class ApiKeysPageTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>, IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton(app.Service<ApiKeyStore>());
        _ctx.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        _ctx.Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        _ctx.AddAuthorization().SetAuthorized("Page Admin");
        _ctx.Services.AddScoped<IHttpContextAccessor, HttpContextAccessor>();
        _ctx.Services.AddScoped<AuditActorAccessor>();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task CreatingAKey_ShowsItsSecretOnce_AndRevokingMarksItRevoked()
    {
        var providers = _ctx.Render<MudDialogProvider>();
        _ctx.Render<MudPopoverProvider>();
        var page = _ctx.Render<ApiKeysPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=apikey-create]")));

        page.Find("input[data-testid=apikey-name], [data-testid=apikey-name] input").Change("Page shop");
        await page.Find("[data-testid=apikey-create]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.StartsWith("crm_", page.Find("[data-testid=apikey-secret]").TextContent));
        var secret = page.Find("[data-testid=apikey-secret]").TextContent;
        var (check, caller) = await app.Service<ApiKeyStore>().AuthenticateAsync(secret);
        Assert.Equal(ApiKeyCheck.Valid, check);
        Assert.Equal("Page shop", caller!.Name);
        Assert.Contains(page.FindAll("[data-testid=apikey-row-name]"), n => n.TextContent == "Page shop");

        var reopened = _ctx.Render<ApiKeysPage>();
        reopened.WaitForAssertion(() => Assert.Contains(reopened.FindAll("[data-testid=apikey-row-name]"), n => n.TextContent == "Page shop"));
        Assert.Empty(reopened.FindAll("[data-testid=apikey-secret]"));
        Assert.DoesNotContain(secret, reopened.Markup);

        var row = reopened.FindAll("tr").Single(r => r.TextContent.Contains("Page shop"));
        // The click waits for the confirmation, so it is answered before the click is awaited.
        var revoking = row.QuerySelector("[data-testid=apikey-revoke]")!.ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("cannot be undone", providers.Markup));
        await providers.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").ClickAsync(new());
        await revoking.WaitAsync(Eventually.Limit);

        reopened.WaitForAssertion(() => Assert.StartsWith("Revoked",
            reopened.FindAll("tr").Single(r => r.TextContent.Contains("Page shop")).QuerySelector("[data-testid=apikey-status]")!.TextContent.Trim()));
        Assert.Equal(ApiKeyCheck.Revoked, (await app.Service<ApiKeyStore>().AuthenticateAsync(secret)).Check);
    }
}
