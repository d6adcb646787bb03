using System.Collections.Concurrent;
using CrmLive.Domain.Campaigns;
using CrmLive.Infrastructure.Campaigns;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Campaigns;

/// <summary>The widget channel over real SignalR connections: only signed-in customers of the audience see the message.</summary>
[Trait("Database", "Any")]
public class CampaignWidgetTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>, IAsyncLifetime
{
    private readonly CampaignTestData _data = new(app);
    private readonly List<HubConnection> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
    }

    private sealed record OpenWidget(HubConnection Hub, WidgetStart Session, ConcurrentQueue<ProactiveMessage> Received);

    private async Task<OpenWidget> OpenAsync(string externalId)
    {
        var hub = app.CreateWidgetConnection();
        var received = new ConcurrentQueue<ProactiveMessage>();
        hub.On<ProactiveMessage>("ProactiveMessage", received.Enqueue);
        await hub.StartAsync();
        _connections.Add(hub);
        var session = await hub.InvokeAsync<WidgetStart>("Start", "demo", null, await app.SignedIdentityAsync(externalId));
        return new OpenWidget(hub, session, received);
    }

    private async Task StartCampaignAsync(Guid campaignId) =>
        await app.Service<CampaignLifecycleJob>().StartAsync(campaignId, CancellationToken.None);

    [Fact]
    public async Task AProactiveMessage_ReachesTheOnlineVisitorOfTheAudience_AndNoOneElse()
    {
        var inId = $"shop-{Guid.NewGuid():N}";
        var outId = $"shop-{Guid.NewGuid():N}";
        var noConsentId = $"shop-{Guid.NewGuid():N}";
        var member = await _data.CustomerAsync("Mila Member", null, emailConsent: false, chatConsent: true, externalId: inId);
        await _data.CustomerAsync("Otto Outsider", null, emailConsent: false, chatConsent: true, externalId: outId, segment: "Someone else's");
        var unwilling = await _data.CustomerAsync("Una Unwilling", null, emailConsent: false, chatConsent: false, externalId: noConsentId);
        var inside = await OpenAsync(inId);
        var outside = await OpenAsync(outId);
        var noConsent = await OpenAsync(noConsentId);
        Assert.Null(inside.Session.Proactive);

        var campaignId = await _data.LaunchAsync(_data.Plan(CampaignChannels.Widget, body: "Hi {{first_name}}, socks are **20% off**."));
        await StartCampaignAsync(campaignId);

        var message = await Eventually.WithinAsync(Task.Run(async () =>
        {
            while (!inside.Received.TryPeek(out _)) await Task.Delay(20);
            return inside.Received.Single();
        }), "the proactive message at the member's widget");
        Assert.Equal(campaignId, message.CampaignId);
        Assert.Contains("Hi Mila, socks are <strong>20% off</strong>.", message.Html);
        // A round trip on each other connection: anything sent to them before would have arrived first.
        await outside.Hub.InvokeAsync<IReadOnlyList<WidgetMessage>>("History", 0L);
        await noConsent.Hub.InvokeAsync<IReadOnlyList<WidgetMessage>>("History", 0L);
        Assert.Empty(outside.Received);
        Assert.Empty(noConsent.Received);

        var recipients = (await _data.RecipientsAsync(campaignId)).ToDictionary(r => r.CustomerId);
        Assert.Equal(2, recipients.Count);
        Assert.Equal(DeliveryState.Sent, recipients[member.Id].WidgetState);
        Assert.NotNull(recipients[member.Id].ReachedAt);
        Assert.Equal(DeliveryState.Skipped, recipients[unwilling.Id].WidgetState);
        Assert.Equal("No consent to proactive chat messages", recipients[unwilling.Id].WidgetNote);
        Assert.Single(await _data.TimelineAsync(member.Id), t => t.Title == "Campaign message shown in the chat widget");

        // The next page the member opens offers it again, until they close or answer it.
        var again = await OpenAsync(inId);
        Assert.Equal(campaignId, again.Session.Proactive?.CampaignId);
    }

    [Fact]
    public async Task OpeningAndAnswering_CountsAsAReply_AndTheAgentSeesWhatStartedIt()
    {
        var externalId = $"shop-{Guid.NewGuid():N}";
        var customer = await _data.CustomerAsync("Rita Replies", null, emailConsent: false, chatConsent: true, externalId: externalId);
        var campaignId = await _data.LaunchAsync(_data.Plan(CampaignChannels.Widget, body: "Need new running shoes, {{first_name}}?"));
        await StartCampaignAsync(campaignId);

        // Not online at the start: the message waits for their next visit.
        var widget = await OpenAsync(externalId);
        Assert.Equal(campaignId, widget.Session.Proactive?.CampaignId);
        await widget.Hub.InvokeAsync("CampaignOpened", campaignId);
        var sent = await widget.Hub.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "Yes! Do you have size 42?");

        var recipient = Assert.Single(await _data.RecipientsAsync(campaignId));
        Assert.NotNull(recipient.OpenedAt);
        Assert.NotNull(recipient.RepliedAt);
        Assert.Equal(sent.ConversationId, recipient.ReplyConversationId);
        var messages = await app.Service<ConversationService>().GetMessagesAsync(sent.ConversationId);
        Assert.Contains(messages, m => m.IsPrivate && m.Text.Contains("Started from the campaign") && m.Text.Contains("Need new running shoes, Rita?"));
        var results = (await app.Service<CampaignResultsQuery>().GetAsync(campaignId))!;
        Assert.Equal((1, 1, 1), (results.Treatment.Reached, results.Treatment.Opened, results.Treatment.Replied));

        // Answered: not offered again.
        Assert.Null((await OpenAsync(externalId)).Session.Proactive);
        Assert.Equal(customer.Id, recipient.CustomerId);
    }

    [Fact]
    public async Task ADismissedMessage_IsNotOfferedAgain_AndAnAnonymousVisitorIsNeverAddressed()
    {
        var externalId = $"shop-{Guid.NewGuid():N}";
        await _data.CustomerAsync("Dora Dismiss", null, emailConsent: false, chatConsent: true, externalId: externalId);
        var campaignId = await _data.LaunchAsync(_data.Plan(CampaignChannels.Widget));
        await StartCampaignAsync(campaignId);

        var widget = await OpenAsync(externalId);
        Assert.NotNull(widget.Session.Proactive);
        await widget.Hub.InvokeAsync("CampaignDismissed", campaignId);
        Assert.Null((await OpenAsync(externalId)).Session.Proactive);
        Assert.NotNull(Assert.Single(await _data.RecipientsAsync(campaignId)).DismissedAt);

        var anonymous = app.CreateWidgetConnection();
        await anonymous.StartAsync();
        _connections.Add(anonymous);
        var session = await anonymous.InvokeAsync<WidgetStart>("Start", "demo", null, null);
        Assert.Null(session.Proactive);
        // Hub calls about campaigns from a visitor who is nobody's customer change nothing.
        await anonymous.InvokeAsync("CampaignOpened", campaignId);
        Assert.Null(Assert.Single(await _data.RecipientsAsync(campaignId)).OpenedAt);
    }
}
