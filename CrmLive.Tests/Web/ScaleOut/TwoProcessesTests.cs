using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Chat;
using CrmLive.Tests.Support;
using CrmLive.Web.Api;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CrmLive.Tests.Web.ScaleOut;

/// <summary>
/// Two real app processes on two ports sharing one database and one Redis. The widget talks to A over a real
/// WebSocket; an agent works on B; then A dies mid-conversation and the widget carries on with B.
/// </summary>
[Trait("Database", "Any")]
public sealed class TwoProcessesTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly RedisServer _redis = new();
    private TestDatabase _database = default!;
    private AppProcess _a = default!;
    private AppProcess _b = default!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _database = TestDatabase.Create();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = _database.Provider.ToString(),
            ["ConnectionStrings:Crm"] = _database.ConnectionString,
            ["Redis:Connection"] = _redis.Connection,
            ["Redis:Prefix"] = $"t{Guid.NewGuid():N}",
            ["Demo:Customers"] = "40",
            ["Jobs:RunServer"] = "false",
        };
        _a = await AppProcess.StartAsync(settings); // migrates and seeds
        _b = await AppProcess.StartAsync(settings);
    }

    private static HubConnection Widget(string baseUrl, ConcurrentDictionary<long, MessageDto> received)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}{WidgetHub.Route}")
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        connection.On<MessageDto>("MessageReceived", m =>
        {
            if (!received.TryAdd(m.Seq, m)) received[-m.Seq] = m; // a second delivery of the same seq is a duplicate
        });
        return connection;
    }

    private async Task<HttpClient> AgentOnBWithCookieFromAAsync()
    {
        using var onA = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(_a.BaseUrl) };
        var signIn = await CrmLiveAppFactory.PostLoginAsync(onA, "agent2@crmlive.demo", CrmLiveAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("crmlive.auth=", StringComparison.Ordinal));
        var onB = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(_b.BaseUrl) };
        onB.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        return onB;
    }

    private static async Task<MessageDto> ReplyAsync(HttpClient agent, Guid conversationId, string text)
    {
        var response = await agent.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages",
            new ReplyRequest(text, Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessageDto>(Json))!;
    }

    [Fact]
    public async Task WidgetOnA_AgentOnB_AKilled_WidgetResumesOnBWithNothingLostOrDuplicated()
    {
        using var agent = await AgentOnBWithCookieFromAAsync();
        var received = new ConcurrentDictionary<long, MessageDto>();
        await using var onA = Widget(_a.BaseUrl, received);
        await onA.StartAsync();
        var session = await onA.InvokeAsync<WidgetStart>("Start", "demo", null, null);
        var sent = await onA.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "Can I talk to a human?");

        await ReplyAsync(agent, sent.ConversationId, "Hi, this is Liam on instance B.");
        await Eventually.TrueAsync(() => Task.FromResult(received.ContainsKey(3)), "B's reply in the widget on A");
        var lastSeen = received.Keys.Max();

        _a.Kill(); // mid-conversation
        await ReplyAsync(agent, sent.ConversationId, "Are you still there?");
        await ReplyAsync(agent, sent.ConversationId, "I've refunded the order.");

        var resumed = new ConcurrentDictionary<long, MessageDto>(received);
        await using var onB = Widget(_b.BaseUrl, resumed);
        await onB.StartAsync();
        var again = await onB.InvokeAsync<WidgetStart>("Start", "demo", session.VisitorToken, null);
        foreach (var m in await onB.InvokeAsync<IReadOnlyList<MessageDto>>("History", lastSeen))
            if (!resumed.TryAdd(m.Seq, m)) resumed[-m.Seq] = m;
        await onB.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "Yes, thank you!");
        await Eventually.TrueAsync(() => Task.FromResult(resumed.ContainsKey(6)), "the customer's own message echoed by B");

        Assert.Equal(sent.ConversationId, again.ConversationId);
        Assert.DoesNotContain(resumed.Keys, k => k < 0); // no duplicates
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], resumed.Keys.Order());
        Assert.Equal(["Customer", "Bot", "Agent", "Agent", "Agent", "Customer"],
            resumed.OrderBy(m => m.Key).Select(m => m.Value.Sender.ToString()));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _database.Dispose();
        await _redis.DisposeAsync();
    }
}
