using System.Text.Json;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Domain.Webhooks;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Webhooks;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Webhooks;

/// <summary>Real events delivered over real HTTP to a receiver written here, which checks the signature itself.</summary>
[Trait("Database", "Any")]
[Collection(WebhookCollection.Name)]
public class WebhookDeliveryTests(WebhookFixture fixture)
{
    private static readonly AuditActor Admin = new("admin-id", "Test Admin", "127.0.0.1");
    private WebhookAppFactory App => fixture.App;
    private WebhookReceiver Receiver => fixture.Receiver;
    private WebhookSubscriptions Subscriptions => App.Service<WebhookSubscriptions>();

    private async Task<(Guid Id, string Path, string Secret)> SubscribeAsync(params string[] types)
    {
        var path = $"/hooks/{Guid.NewGuid():N}";
        return await SubscribeAtAsync(path, types);
    }

    private async Task<(Guid Id, string Path, string Secret)> SubscribeAtAsync(string path, params string[] types)
    {
        var id = await Subscriptions.CreateAsync(new WebhookInput(Receiver.BaseUrl + path, "test", types), Admin);
        var secret = (await Subscriptions.ListAsync()).Single(s => s.Id == id).Secret;
        return (id, path, secret);
    }

    private Task WaitForAsync(string path, Func<ReceivedWebhook, bool> match, string what) =>
        App.WaitAsync(() => Task.FromResult(Receiver.At(path).Any(match)), what);

    [Fact]
    public async Task CustomerCreated_IsDelivered_SignedWithTheSecret_AndLogged()
    {
        var (id, path, secret) = await SubscribeAsync(WebhookEventTypes.CustomerCreated);
        var name = $"Hook Customer {Guid.NewGuid():N}"[..24];

        var customerId = await App.Service<CustomerEditor>().CreateAsync(name, null, null, null);

        await WaitForAsync(path, r => r.Body.Contains(name), "the customer.created delivery");
        var request = Receiver.At(path).Single(r => r.Body.Contains(name));
        Assert.True(WebhookReceiver.IsAuthentic(request, secret, DateTimeOffset.UtcNow), "the signature verifies");
        Assert.False(WebhookReceiver.IsAuthentic(request, "whsec_wrong", DateTimeOffset.UtcNow), "a wrong secret fails");
        Assert.False(WebhookReceiver.IsAuthentic(request, secret, DateTimeOffset.UtcNow.AddMinutes(10)), "an old timestamp fails");
        Assert.False(WebhookReceiver.IsAuthentic(request with { Body = request.Body.Replace(name, "Someone else") }, secret,
            DateTimeOffset.UtcNow), "a changed body fails");
        Assert.Equal("customer.created", request.Header("X-CrmLive-Event"));
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("customer.created", root.GetProperty("type").GetString());
        Assert.True(Guid.TryParse(root.GetProperty("id").GetString(), out _));
        Assert.True(root.GetProperty("occurredAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        var customer = root.GetProperty("data").GetProperty("customer");
        Assert.Equal(customerId, customer.GetProperty("id").GetGuid());
        Assert.Equal(name, customer.GetProperty("name").GetString());

        var deliveryId = Guid.Parse(request.Header("X-CrmLive-Delivery"));
        await App.WaitAsync(async () => (await Subscriptions.LogAsync(id)).Any(l => l.DeliveryId == deliveryId),
            "the log line");
        var line = (await Subscriptions.LogAsync(id)).Single(l => l.DeliveryId == deliveryId);
        Assert.Equal(204, line.StatusCode);
        Assert.Equal(1, line.Attempt);
        Assert.Null(line.Error);
        Assert.Null(line.NextRetryAt);
    }

    [Fact]
    public async Task WidgetConversation_SendsStarted_Messages_Assigned_AndResolved()
    {
        var (_, path, secret) = await SubscribeAsync(WebhookEventTypes.ConversationStarted, WebhookEventTypes.MessageCreated,
            WebhookEventTypes.ConversationAssigned, WebhookEventTypes.ConversationResolved);
        await using var widget = App.CreateWidgetConnection();
        await widget.StartAsync();
        await widget.InvokeAsync<WidgetStart>("Start", "demo", null, null);
        var text = $"Where is my parcel {Guid.NewGuid():N}?";

        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), text);
        var chat = App.Service<ConversationService>();
        await chat.ReplyAsAgentAsync(sent.ConversationId, "agent-hook", "Hook Agent", "On its way!");
        await chat.ResolveAsync(sent.ConversationId);

        var conversation = sent.ConversationId.ToString();
        bool Of(ReceivedWebhook r, string type) => r.Header("X-CrmLive-Event") == type && r.Body.Contains(conversation);
        await WaitForAsync(path, r => Of(r, "conversation.resolved"), "conversation.resolved");
        await WaitForAsync(path, r => Of(r, "conversation.assigned"), "conversation.assigned");
        await WaitForAsync(path, r => Of(r, "conversation.started"), "conversation.started");
        await WaitForAsync(path, r => Of(r, "conversation.message_created") && r.Body.Contains("On its way!"), "the agent's message");
        var customerMessage = Receiver.At(path).Single(r => Of(r, "conversation.message_created") && r.Body.Contains(text));
        Assert.True(WebhookReceiver.IsAuthentic(customerMessage, secret, DateTimeOffset.UtcNow));
        using var json = JsonDocument.Parse(customerMessage.Body);
        var message = json.RootElement.GetProperty("data").GetProperty("message");
        Assert.Equal("customer", message.GetProperty("sender").GetString());
        Assert.Equal(1, message.GetProperty("seq").GetInt64());
        Assert.Single(Receiver.At(path), r => Of(r, "conversation.started"));
        var assigned = Receiver.At(path).First(r => Of(r, "conversation.assigned"));
        Assert.Contains("\"assignedAgentId\":\"agent-hook\"", assigned.Body);
    }

    [Fact]
    public async Task UnsubscribedEventType_IsNotSent()
    {
        var (id, path, _) = await SubscribeAsync(WebhookEventTypes.CustomerUpdated);
        var editor = App.Service<CustomerEditor>();
        var customerId = await editor.CreateAsync($"Only Updates {Guid.NewGuid():N}"[..22], null, null, null);

        await editor.RenameAsync(customerId, "Renamed For Hooks");

        // Events are relayed in order, so once the later update arrives the earlier "created" has been passed over.
        await WaitForAsync(path, r => r.Body.Contains("Renamed For Hooks"), "the customer.updated delivery");
        Assert.All(Receiver.At(path), r => Assert.Equal("customer.updated", r.Header("X-CrmLive-Event")));
        await using var db = await App.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        Assert.False(await db.WebhookDeliveries.AnyAsync(d => d.SubscriptionId == id && d.EventType != "customer.updated"));
    }

    [Fact]
    public async Task FailingReceiver_IsRetriedWithBackoff_ThenTheSubscriptionIsDisabled_AndAnAdminTurnsItOnAgain()
    {
        var (id, path, _) = await SubscribeAtAsync($"/fail/{Guid.NewGuid():N}", WebhookEventTypes.CustomerErased);
        var events = App.Service<IWebhookEvents>();

        for (var i = 0; i < WebhookAppFactory.FailuresBeforeDisable; i++)
            Assert.Equal(1, await events.RaiseAsync(WebhookEventTypes.CustomerErased, new { customerId = Guid.NewGuid() },
                DateTimeOffset.UtcNow));

        await App.WaitAsync(async () => (await Subscriptions.ListAsync()).Single(s => s.Id == id).DisabledAt is not null,
            "the subscription to be disabled");
        var subscription = (await Subscriptions.ListAsync()).Single(s => s.Id == id);
        Assert.False(subscription.IsActive);
        var log = await Subscriptions.LogAsync(id);
        Assert.Equal(WebhookAppFactory.FailuresBeforeDisable * WebhookAppFactory.MaxAttempts, log.Count);
        Assert.Equal(WebhookAppFactory.FailuresBeforeDisable * WebhookAppFactory.MaxAttempts, Receiver.At(path).Count);
        Assert.All(log, l => Assert.Equal(500, l.StatusCode));
        Assert.All(log, l => Assert.Contains("receiver is down", l.Error));
        foreach (var delivery in log.GroupBy(l => l.DeliveryId))
        {
            var attempts = delivery.OrderBy(l => l.Attempt).ToList();
            Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
            Assert.NotNull(attempts[0].NextRetryAt);
            Assert.NotNull(attempts[1].NextRetryAt);
            Assert.Null(attempts[2].NextRetryAt); // given up
            // Exponential backoff from the configured 100 ms: the second wait is twice the first.
            Assert.Equal(TimeSpan.FromMilliseconds(100), attempts[0].NextRetryAt - attempts[0].At);
            Assert.Equal(TimeSpan.FromMilliseconds(200), attempts[1].NextRetryAt - attempts[1].At);
            Assert.True(attempts[1].At > attempts[0].At);
        }
        var audit = await App.Service<AuditLog>().RecentAsync(AuditActions.WebhookDisabled);
        Assert.Single(audit, a => a.Target.Contains(path) && a.ActorName == "System");

        // Disabled: nothing more is queued.
        Assert.Equal(0, await events.RaiseAsync(WebhookEventTypes.CustomerErased, new { customerId = Guid.NewGuid() }, DateTimeOffset.UtcNow));

        await Subscriptions.SetActiveAsync(id, true, Admin);

        var again = (await Subscriptions.ListAsync()).Single(s => s.Id == id);
        Assert.True(again.IsActive);
        Assert.Null(again.DisabledAt);
        Assert.Equal(0, again.ConsecutiveFailures);
        Assert.Equal(1, await events.RaiseAsync(WebhookEventTypes.CustomerErased, new { customerId = Guid.NewGuid() }, DateTimeOffset.UtcNow));
        Assert.Contains(await App.Service<AuditLog>().RecentAsync(AuditActions.WebhookChanged),
            a => a.Target.Contains(path) && a.Detail == "Turned on again after being disabled");
    }

    [Theory]
    [InlineData("not a url", "full web address")]
    [InlineData("ftp://files.example.com/hook", "full web address")]
    [InlineData("http://hooks.example.com/crm", "https://")]
    [InlineData("https://user:pw@hooks.example.com/crm", "user name or password")]
    [InlineData("", "URL is required")]
    public async Task BadUrl_IsRefusedWithAMessage_AndNothingIsStored(string url, string message)
    {
        var before = (await Subscriptions.ListAsync()).Count;

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Subscriptions.CreateAsync(new WebhookInput(url, null, [WebhookEventTypes.CustomerCreated]), Admin));

        Assert.Contains(message, ex.Message);
        Assert.Equal(before, (await Subscriptions.ListAsync()).Count);
    }

    [Fact]
    public async Task NoEventTypes_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Subscriptions.CreateAsync(new WebhookInput("https://hooks.example.com/a", null, []), Admin));

        Assert.Equal("Choose at least one event type.", ex.Message);
    }

    [Fact]
    public async Task TestEvent_ReachesTheReceiver_AndRotatingTheSecretChangesTheSignature()
    {
        var (id, path, secret) = await SubscribeAsync(WebhookEventTypes.CustomerMerged);

        var first = await Subscriptions.SendTestAsync(id);
        await WaitForAsync(path, r => r.Header("X-CrmLive-Delivery") == first.ToString(), "the test event");
        var rotated = await Subscriptions.RotateSecretAsync(id, Admin);
        var second = await Subscriptions.SendTestAsync(id);
        await WaitForAsync(path, r => r.Header("X-CrmLive-Delivery") == second.ToString(), "the second test event");

        var a = Receiver.At(path).Single(r => r.Header("X-CrmLive-Delivery") == first.ToString());
        var b = Receiver.At(path).Single(r => r.Header("X-CrmLive-Delivery") == second.ToString());
        Assert.Equal("webhook.test", a.Header("X-CrmLive-Event"));
        Assert.NotEqual(secret, rotated);
        Assert.True(WebhookReceiver.IsAuthentic(a, secret, DateTimeOffset.UtcNow));
        Assert.True(WebhookReceiver.IsAuthentic(b, rotated, DateTimeOffset.UtcNow));
        Assert.False(WebhookReceiver.IsAuthentic(b, secret, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task CreateChangeDelete_AreAudited()
    {
        var (id, path, _) = await SubscribeAsync(WebhookEventTypes.CustomerCreated);
        await Subscriptions.UpdateAsync(id, new WebhookInput(Receiver.BaseUrl + path, "changed", [WebhookEventTypes.CustomerUpdated]), Admin);
        await Subscriptions.DeleteAsync(id, Admin);

        var audit = App.Service<AuditLog>();
        Assert.Single(await audit.RecentAsync(AuditActions.WebhookCreated), a => a.Target.Contains(path) && a.ActorName == "Test Admin");
        Assert.Single(await audit.RecentAsync(AuditActions.WebhookChanged), a => a.Target.Contains(path) && a.Detail!.Contains("customer.updated"));
        Assert.Single(await audit.RecentAsync(AuditActions.WebhookDeleted), a => a.Target.Contains(path));
        Assert.DoesNotContain(await Subscriptions.ListAsync(), s => s.Id == id);
        await Assert.ThrowsAsync<DomainException>(() => Subscriptions.SendTestAsync(id));
    }

    [Fact]
    public async Task DeliveryLog_KeepsOnlyTheNewestDeliveriesPerSubscription()
    {
        var (id, path, _) = await SubscribeAsync(WebhookEventTypes.CustomerMerged);
        var sent = new List<Guid>();

        for (var i = 0; i < WebhookAppFactory.LogEntriesPerSubscription + 2; i++)
        {
            var delivery = await Subscriptions.SendTestAsync(id);
            sent.Add(delivery);
            await WaitForAsync(path, r => r.Header("X-CrmLive-Delivery") == delivery.ToString(), $"test event {i + 1}");
        }

        await using var db = await App.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        await App.WaitAsync(async () => await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == id)
            == WebhookAppFactory.LogEntriesPerSubscription, "the oldest deliveries to be pruned");
        var kept = await db.WebhookDeliveries.Where(d => d.SubscriptionId == id).Select(d => d.Id).ToListAsync();
        Assert.Equal(sent.TakeLast(WebhookAppFactory.LogEntriesPerSubscription).Order(), kept.Order());
        Assert.Equal(WebhookAppFactory.LogEntriesPerSubscription, (await Subscriptions.LogAsync(id)).Count);
    }

    [Fact]
    public async Task ADeliveryStoredJustBeforeACrash_IsSentByTheSweeper()
    {
        var (id, path, _) = await SubscribeAsync(WebhookEventTypes.CustomerUpdated);
        // Stored, but its job never queued: the process died between the two.
        var delivery = new WebhookDelivery(id, Guid.NewGuid(), WebhookEventTypes.CustomerUpdated, "{\"stranded\":true}",
            DateTimeOffset.UtcNow.AddMinutes(-10));
        await using (var db = await App.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync();
        }

        var queued = await App.Service<WebhookSweeperJob>().RunAsync(CancellationToken.None);

        Assert.True(queued >= 1);
        await WaitForAsync(path, r => r.Header("X-CrmLive-Delivery") == delivery.Id.ToString(), "the stranded delivery");
        await App.WaitAsync(async () => (await Subscriptions.LogAsync(id)).Any(l => l.DeliveryId == delivery.Id && l.StatusCode == 204),
            "its log line");
        await using var check = await App.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var sent = await check.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == delivery.Id);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, sent.Status); // so no later sweep sends it again
    }
}
