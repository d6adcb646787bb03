using System.Net;
using CrmLive.Tests.Support;

namespace CrmLive.Tests.Web.Security;

/// <summary>Who may open what, asked of the real app with real sign-in cookies.</summary>
[Trait("Database", "Any")]
public class AccessTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Theory]
    [InlineData("/inbox")]
    [InlineData("/customers")]
    [InlineData("/companies")]
    [InlineData("/tickets")]
    [InlineData("/deals")]
    [InlineData("/settings/sla")]
    [InlineData("/dashboard")]
    [InlineData("/hangfire")]
    [InlineData("/settings/replies")]
    [InlineData("/bot/intents")]
    [InlineData("/bot/reports")]
    [InlineData("/bot/models")]
    [InlineData("/bot/rules")]
    [InlineData("/settings/fields")]
    [InlineData("/customers/duplicates")]
    [InlineData("/customers/00000000-0000-0000-0000-000000000001/merge")]
    [InlineData("/customers/00000000-0000-0000-0000-000000000001/erase")]
    [InlineData("/customers/00000000-0000-0000-0000-000000000001/export.zip")]
    [InlineData("/settings/webhooks")]
    [InlineData("/imports")]
    [InlineData("/imports/00000000-0000-0000-0000-000000000001")]
    [InlineData("/imports/00000000-0000-0000-0000-000000000001/errors.csv")]
    [InlineData("/settings/api-keys")]
    public async Task Anonymous_IsSentToSignIn(string path)
    {
        var response = await app.CreateBrowserClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/api/v1/customers")]
    [InlineData("/api/v1/companies")]
    [InlineData("/api/v1/orders")]
    [InlineData("/api/v1/conversations")]
    [InlineData("/api/v1/dashboard/tiles")]
    public async Task Anonymous_ApiCall_Gets401(string path)
    {
        var response = await app.CreateBrowserClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/hangfire")]
    [InlineData("/settings/replies")]
    [InlineData("/bot/intents")]
    [InlineData("/bot/reports")]
    [InlineData("/bot/models")]
    [InlineData("/bot/rules")]
    [InlineData("/settings/fields")]
    [InlineData("/settings/sla")]
    [InlineData("/customers/duplicates")]
    [InlineData("/customers/00000000-0000-0000-0000-000000000001/merge")]
    [InlineData("/customers/00000000-0000-0000-0000-000000000001/erase")]
    [InlineData("/settings/webhooks")]
    [InlineData("/imports")]
    [InlineData("/imports/00000000-0000-0000-0000-000000000001")]
    [InlineData("/settings/api-keys")]
    public async Task Agent_CannotReachManagerPagesOrJobs(string path)
    {
        var agent = await app.SignInAsync("agent1@crmlive.demo");

        var response = await agent.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Agent_ManagerApi_Gets403()
    {
        var agent = await app.SignInAsync("agent2@crmlive.demo");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/dashboard/tiles")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/customers")).StatusCode);
    }

    [Theory]
    [InlineData("agent1@crmlive.demo", "/inbox")]
    [InlineData("agent1@crmlive.demo", "/customers")]
    [InlineData("agent1@crmlive.demo", "/companies")]
    [InlineData("agent1@crmlive.demo", "/tickets")]
    [InlineData("agent1@crmlive.demo", "/deals")]
    [InlineData("manager@crmlive.demo", "/settings/sla")]
    [InlineData("manager@crmlive.demo", "/dashboard")]
    [InlineData("manager@crmlive.demo", "/settings/replies")]
    [InlineData("manager@crmlive.demo", "/bot/intents")]
    [InlineData("manager@crmlive.demo", "/bot/reports")]
    [InlineData("manager@crmlive.demo", "/bot/models")]
    [InlineData("manager@crmlive.demo", "/bot/rules")]
    [InlineData("manager@crmlive.demo", "/settings/fields")]
    [InlineData("manager@crmlive.demo", "/customers/duplicates")]
    [InlineData("manager@crmlive.demo", "/customers/00000000-0000-0000-0000-000000000001/merge")]
    [InlineData("admin@crmlive.demo", "/customers/00000000-0000-0000-0000-000000000001/erase")]
    [InlineData("admin@crmlive.demo", "/dashboard")]
    [InlineData("admin@crmlive.demo", "/hangfire")]
    [InlineData("admin@crmlive.demo", "/settings/webhooks")]
    [InlineData("manager@crmlive.demo", "/imports")]
    [InlineData("admin@crmlive.demo", "/settings/api-keys")]
    public async Task RightRole_GetsThePage(string email, string path)
    {
        var client = await app.SignInAsync(email);

        var response = await client.GetAsync(path);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/settings/webhooks")]
    [InlineData("/settings/api-keys")]
    public async Task Manager_CannotReachAdminPages(string path)
    {
        var manager = await app.SignInAsync("manager@crmlive.demo");

        var response = await manager.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("access-denied", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task WrongPassword_IsRefusedWithAMessage_AndRepeatedFailuresLockTheAccount()
    {
        var client = app.CreateBrowserClient();

        var first = await CrmLiveAppFactory.PostLoginAsync(client, "agent3@crmlive.demo", "wrong-password");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("don&#x27;t match", await first.Content.ReadAsStringAsync());

        for (var i = 0; i < 4; i++) await CrmLiveAppFactory.PostLoginAsync(client, "agent3@crmlive.demo", "wrong-password");
        var locked = await CrmLiveAppFactory.PostLoginAsync(client, "agent3@crmlive.demo", CrmLiveAppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_WithExternalReturnUrl_StaysOnThisSite()
    {
        var client = app.CreateBrowserClient();
        var form = await client.GetStringAsync("/account/login?returnUrl=https://evil.example/");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/account/login?returnUrl=https://evil.example/", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = "agent2@crmlive.demo",
                ["Input.Password"] = CrmLiveAppFactory.Password,
            }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("evil", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task OpenApiDocument_IsReadAnonymously()
    {
        var response = await app.CreateBrowserClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_ReportsTheDatabase()
    {
        var response = await app.CreateBrowserClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthLiveAndReady_AnswerJsonWithTheirChecks()
    {
        var client = app.CreateBrowserClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetStringAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", await live.Content.ReadAsStringAsync());
        Assert.Contains("\"database\":{\"status\":\"Healthy\"", ready);
    }

    [Fact]
    public async Task WidgetScript_RevalidatesWithETags_AndAnswersHead()
    {
        var client = app.CreateBrowserClient();
        var first = await client.GetAsync("/widget.js");
        var etag = first.Headers.ETag!.Tag;

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/widget.js");
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", $"\"old\", W/{etag}");
        using var changed = new HttpRequestMessage(HttpMethod.Get, "/widget.js");
        changed.Headers.TryAddWithoutValidation("If-None-Match", "\"old\"");
        using var head = new HttpRequestMessage(HttpMethod.Head, "/widget.js");

        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidate)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(changed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(head)).StatusCode);
        Assert.Equal("public, max-age=300", first.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task WidgetScriptAndDemoPage_AreServedAnonymously()
    {
        var client = app.CreateBrowserClient();

        var script = await client.GetAsync("/widget.js");
        var demo = await client.GetStringAsync("/demo");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("application/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 1000);
        Assert.Contains("widget.js\" data-inbox=\"demo\" async", demo);
    }
}

/// <summary>Chat files are reachable only by the link in their message, whoever asks.</summary>
[Trait("Database", "Any")]
public class AttachmentAccessTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task ASignedInAgent_StillNeedsTheKey()
    {
        var agent = await app.SignInAsync("agent1@crmlive.demo");

        var response = await agent.GetAsync($"/attachments/{Guid.NewGuid():N}/{new string('0', 32)}/x.png");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>The intents export is a manager's download.</summary>
[Trait("Database", "Any")]
public class IntentExportAccessTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task OnlyManagersDownloadTheIntents()
    {
        var manager = await app.SignInAsync("manager@crmlive.demo");
        var agent = await app.SignInAsync("agent1@crmlive.demo");

        var download = await manager.GetAsync(CrmLive.Web.Bot.BotEndpoints.ExportRoute);
        var refused = await agent.GetAsync(CrmLive.Web.Bot.BotEndpoints.ExportRoute);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
