using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Chat;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>
/// A customer's connection is cut mid-conversation (sockets reset while both sides are sending). The widget's
/// rules — resend with the same client id, replay by sequence number — must leave nothing lost, nothing twice,
/// everything in order.
/// </summary>
[Trait("Database", "Any")]
public class NetworkDropTests(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>
{
    private const int CustomerMessages = 40;
    private const int AgentReplies = 12;

    [Fact]
    public async Task DroppedMidStream_ResendAndReplay_LoseNothingDuplicateNothingKeepOrder()
    {
        await using var network = new FlakyNetwork(app.Port);
        var widget = new ResilientWidget(network.Port);
        await widget.ConnectAsync();
        var handoff = await widget.SendAsync("handoff", "talk to a human");
        var chat = app.Services.GetRequiredService<ConversationService>();

        var agent = Task.Run(async () =>
        {
            for (var i = 1; i <= AgentReplies; i++)
            {
                await chat.ReplyAsAgentAsync(handoff.ConversationId, "agent-x", "Sofia", $"reply {i}");
                await Task.Yield();
            }
        });
        for (var i = 1; i <= CustomerMessages; i++)
        {
            if (i is 10 or 25) network.DropAll(); // twice, while replies are flowing
            await widget.SendAsync($"m{i}", $"message {i}");
        }
        await agent;

        var stored = await chat.GetMessagesAsync(handoff.ConversationId);
        var mine = stored.Where(m => m.Sender == MessageSender.Customer && m.ClientMessageId!.StartsWith('m')).ToList();
        Assert.Equal(Enumerable.Range(1, CustomerMessages).Select(i => $"message {i}"), mine.Select(m => m.Text));
        Assert.Equal(stored.Count, stored.Select(m => m.Seq).Distinct().Count());
        Assert.Equal(AgentReplies, stored.Count(m => m.Sender == MessageSender.Agent));
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Seq));

        // The widget ends up with exactly what the server has, each message once.
        await Eventually.TrueAsync(() => Task.FromResult(widget.Seen.Count == stored.Count), "the widget to catch up");
        Assert.Equal(stored.Select(m => (m.Seq, m.Text)), widget.Seen.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Text)));
        Assert.True(widget.Reconnects >= 2, $"the connection was re-established after each drop ({widget.Reconnects})");
        await widget.DisposeAsync();
    }

    /// <summary>The widget's delivery rules in C#: an outbox retried with the same client id, replay on reconnect.</summary>
    private sealed class ResilientWidget(int port) : IAsyncDisposable
    {
        private readonly HubConnection _connection = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{port}{WidgetHub.Route}", o => o.Transports = HttpTransportType.WebSockets)
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250),
                TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)])
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();

        private readonly SemaphoreSlim _ready = new(0, 1);
        private string? _token;

        public ConcurrentDictionary<long, MessageDto> Seen { get; } = new();
        public int Reconnects { get; private set; }

        public async Task ConnectAsync()
        {
            _connection.On<MessageDto>("MessageReceived", m => Seen.TryAdd(m.Seq, m));
            _connection.Reconnected += async _ =>
            {
                Reconnects++;
                await StartSessionAsync();
            };
            await _connection.StartAsync();
            await StartSessionAsync();
        }

        private async Task StartSessionAsync()
        {
            var session = await _connection.InvokeAsync<WidgetStart>("Start", "demo", _token, null);
            _token = session.VisitorToken;
            var after = Seen.IsEmpty ? 0 : Seen.Keys.Max();
            foreach (var m in await _connection.InvokeAsync<IReadOnlyList<MessageDto>>("History", after)) Seen.TryAdd(m.Seq, m);
            if (_ready.CurrentCount == 0) _ready.Release();
        }

        public async Task<SendResult> SendAsync(string clientId, string text)
        {
            for (var attempt = 0; ; attempt++)
            {
                await _ready.WaitAsync(TimeSpan.FromSeconds(30));
                try
                {
                    var result = await _connection.InvokeAsync<SendResult>("Send", clientId, text);
                    _ready.Release();
                    return result;
                }
                catch (Exception) when (attempt < 20)
                {
                    // Cut off mid-call: the message may or may not be stored. Wait for the session to be back, then
                    // resend with the same client id; the server stores it once either way.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _connection.DisposeAsync();
            _ready.Dispose();
        }
    }
}
