using System.Collections.Concurrent;
using System.Net;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrmLive.Tests.Web.ScaleOut;

/// <summary>Two app instances sharing one database and one real Redis, as behind a load balancer.</summary>
public class TwoInstances : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private TestDatabase? _database;

    public CrmLiveAppFactory A { get; private set; } = default!;
    public CrmLiveAppFactory B { get; private set; } = default!;

    /// <summary>Whether both instances run Hangfire servers (on the shared storage).</summary>
    protected virtual bool RunJobServers => false;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _database = TestDatabase.Create();
        var settings = new Dictionary<string, string?>
        {
            ["Redis:Connection"] = _redis.Connection,
            ["Redis:Prefix"] = $"t{Guid.NewGuid():N}",
            ["Jobs:RunServer"] = RunJobServers.ToString(),
        };
        A = new CrmLiveAppFactory(_database, settings);
        _ = A.Server; // A migrates and seeds first; B finds the database ready.
        B = new CrmLiveAppFactory(_database, settings);
        _ = B.Server;
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        _database?.Dispose();
        await _redis.DisposeAsync();
    }
}

[Trait("Database", "Any")]
public class TwoInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task WidgetOnA_HandoffSeenOnB_ReplyFromB_ReachesWidgetOnA()
    {
        var handoffsOnB = new ConcurrentQueue<ConversationChanged>();
        using var agentSideOnB = instances.B.Service<ILiveEventBus>().Subscribe<ConversationChanged>(e =>
        {
            if (e.Change == "handoff") handoffsOnB.Enqueue(e);
            return Task.CompletedTask;
        });
        await using var widget = instances.A.CreateWidgetConnection();
        var received = new ConcurrentQueue<MessageDto>();
        widget.On<MessageDto>("MessageReceived", m => received.Enqueue(m));
        await widget.StartAsync();
        await widget.InvokeAsync<WidgetStart>("Start", "demo", null, null);

        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "I'd like a human please");

        await Eventually.TrueAsync(() => Task.FromResult(handoffsOnB.Any(h => h.ConversationId == sent.ConversationId)),
            "the handoff on instance B");
        await instances.B.Service<ConversationService>().ReplyAsAgentAsync(sent.ConversationId, "agent-b", "Yuki",
            "Hi, Yuki here (instance B).");
        await Eventually.TrueAsync(() => Task.FromResult(received.Any(m => m.Sender == MessageSender.Agent)),
            "B's reply in the widget connected to A");
        // Every message arrives once, though both instances hear every event.
        await Eventually.TrueAsync(() => Task.FromResult(received.Count >= 3), "all three messages");
        Assert.Equal(received.Select(m => m.Seq).Distinct().Count(), received.Count);
    }

    [Fact]
    public async Task AgentOnlineOnA_IsCountedOnB_AndDashboardOnBHearsIt()
    {
        var presenceOnB = new ConcurrentQueue<AgentPresenceChanged>();
        using var dashboardOnB = instances.B.Service<ILiveEventBus>().Subscribe<AgentPresenceChanged>(e =>
        {
            presenceOnB.Enqueue(e);
            return Task.CompletedTask;
        });
        var a = instances.A.Service<CrmLive.Infrastructure.Live.IPresenceTracker>();
        var b = instances.B.Service<CrmLive.Infrastructure.Live.IPresenceTracker>();
        var agent = $"agent-{Guid.NewGuid():N}";
        var before = await b.OnlineAgentCountAsync();

        await a.ConnectedAsync(agent, isAgent: true);

        Assert.True(await b.IsOnlineAsync(agent));
        Assert.Equal(before + 1, await b.OnlineAgentCountAsync());
        await Eventually.TrueAsync(() => Task.FromResult(presenceOnB.Any(p => p.AgentId == agent && p.Online)),
            "the presence event on B");

        await a.DisconnectedAsync(agent, isAgent: true);

        Assert.False(await b.IsOnlineAsync(agent));
        Assert.Equal(before, await b.OnlineAgentCountAsync());
    }

    [Fact]
    public async Task ACampaignStartedOnA_ReachesTheCustomersWidgetOnB_AndTheirAnswerMovesTheResultsOnA()
    {
        var data = new CrmLive.Tests.Campaigns.CampaignTestData(instances.A);
        var externalId = $"shop-{Guid.NewGuid():N}";
        await data.CustomerAsync("Bao Both", null, emailConsent: false, chatConsent: true, externalId: externalId);
        var changesOnA = new ConcurrentQueue<CampaignChanged>();
        using var campaignPageOnA = instances.A.Service<ILiveEventBus>().Subscribe<CampaignChanged>(e =>
        {
            changesOnA.Enqueue(e);
            return Task.CompletedTask;
        });
        await using var widget = instances.B.CreateWidgetConnection();
        var offered = new ConcurrentQueue<CrmLive.Domain.Campaigns.ProactiveMessage>();
        widget.On<CrmLive.Domain.Campaigns.ProactiveMessage>("ProactiveMessage", offered.Enqueue);
        await widget.StartAsync();
        await widget.InvokeAsync<WidgetStart>("Start", "demo", null, await instances.B.SignedIdentityAsync(externalId));

        var campaignId = await data.LaunchAsync(data.Plan(CrmLive.Domain.Campaigns.CampaignChannels.Widget));
        await instances.A.Service<CrmLive.Infrastructure.Campaigns.CampaignLifecycleJob>().StartAsync(campaignId, CancellationToken.None);

        await Eventually.TrueAsync(() => Task.FromResult(offered.Any(m => m.CampaignId == campaignId)),
            "the campaign's message in the widget connected to B");
        await widget.InvokeAsync("CampaignOpened", campaignId);
        await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "Tell me more");
        await Eventually.TrueAsync(() => Task.FromResult(changesOnA.Any(c => c.CampaignId == campaignId && c.What == "replied")),
            "the reply reaching the campaign page on A");
        Assert.Single(offered);
        var results = (await instances.A.Service<CrmLive.Infrastructure.Campaigns.CampaignResultsQuery>().GetAsync(campaignId))!;
        Assert.Equal((1, 1), (results.Treatment.Reached, results.Treatment.Replied));
    }

    [Fact]
    public async Task Ready_IncludesRedis()
    {
        var ready = await instances.B.CreateBrowserClient().GetStringAsync("/health/ready");

        Assert.Contains("\"redis\":{\"status\":\"Healthy\"", ready);
    }

    [Fact]
    public async Task CookieIssuedByA_IsAcceptedByB()
    {
        var signInOnA = instances.A.CreateBrowserClient();
        var response = await CrmLiveAppFactory.PostLoginAsync(signInOnA, "agent1@crmlive.demo", CrmLiveAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("crmlive.auth=", StringComparison.Ordinal));

        var onB = instances.B.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers?pageSize=1");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var fromB = await onB.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
    }

    [Fact]
    public async Task AFileUploadedThroughA_IsServedByB_AndTheCustomerShowsOnlineOnBothUntilTheyLeave()
    {
        var widget = instances.A.CreateWidgetConnection();
        var received = new ConcurrentQueue<WidgetMessage>();
        widget.On<WidgetMessage>("MessageReceived", m => received.Enqueue(m));
        await widget.StartAsync();
        var session = await widget.InvokeAsync<WidgetStart>("Start", "demo", null, null);
        var presenceKey = WidgetHub.PresenceKey(await VisitorIdAsync(session.VisitorToken));
        var presenceOnB = instances.B.Service<CrmLive.Infrastructure.Live.IPresenceTracker>();
        Assert.True(await presenceOnB.IsOnlineAsync(presenceKey));

        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent("%PDF-1.4 order confirmation"u8.ToArray()), "file", "order.pdf");
        form.Add(new StringContent(Guid.NewGuid().ToString()), "clientMessageId");
        using var upload = new HttpRequestMessage(HttpMethod.Post, AttachmentEndpoints.UploadRoute) { Content = form };
        upload.Headers.Add(AttachmentEndpoints.VisitorTokenHeader, session.VisitorToken);
        Assert.Equal(HttpStatusCode.OK, (await instances.A.CreateClient().SendAsync(upload)).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(received.Any(m => m.Attachment is not null)), "the file message");

        var served = await instances.B.CreateClient().GetAsync(received.First(m => m.Attachment is not null).Attachment!.Path);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("%PDF-1.4 order confirmation", await served.Content.ReadAsStringAsync());

        await widget.DisposeAsync();
        await Eventually.TrueAsync(async () => !await presenceOnB.IsOnlineAsync(presenceKey), "the customer to go offline on B");
    }

    private async Task<Guid> VisitorIdAsync(string token) =>
        (await instances.A.Service<ConversationService>().AuthenticateVisitorAsync(token))!.VisitorId;
}
