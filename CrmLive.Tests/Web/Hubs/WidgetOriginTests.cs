using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>The widget works cross-origin only for the sites its inbox allows.</summary>
[Trait("Database", "Any")]
public class WidgetOriginTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private const string Shop = "https://shop.example.com";
    private const string Evil = "https://evil.example.net";

    [Fact]
    public async Task OnlyAllowedSites_GetCorsAndCanStart_OthersAreRefusedClearly()
    {
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            var inbox = await db.Inboxes.SingleAsync(i => i.Key == "demo");
            inbox.AllowOrigins([Shop]);
            await db.SaveChangesAsync();
        }

        var client = app.CreateBrowserClient();
        Assert.Equal(Shop, await PreflightAsync(client, Shop));
        Assert.Null(await PreflightAsync(client, Evil));

        await using var fromShop = app.CreateWidgetConnection(Shop);
        await fromShop.StartAsync();
        var session = await fromShop.InvokeAsync<WidgetStart>("Start", "demo", null, null);
        Assert.False(string.IsNullOrEmpty(session.VisitorToken));

        await using var fromEvil = app.CreateWidgetConnection(Evil);
        await fromEvil.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => fromEvil.InvokeAsync<WidgetStart>("Start", "demo", null, null));
        Assert.Contains("not allowed to use the 'demo' chat", refused.Message);

        // CrmLive's own pages (the demo shop) may always use it.
        await using var fromItself = app.CreateWidgetConnection("http://localhost");
        await fromItself.StartAsync();
        await fromItself.InvokeAsync<WidgetStart>("Start", "demo", null, null);
    }

    private static async Task<string?> PreflightAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/hubs/widget/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await client.SendAsync(request);
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }
}
