using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Demo;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>The host page vouches for its signed-in user with the inbox secret; nothing else links a customer.</summary>
[Trait("Database", "Any")]
public class SignedIdentityTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>, IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];

    private async Task<(string Secret, Guid CustomerId, string Name)> DemoCustomerAsync(int index)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var secret = await db.Inboxes.Where(i => i.Key == "demo").Select(i => i.IdentitySecret).SingleAsync();
        var userId = DemoAccounts.ShopUserId(index);
        var customer = await db.Customers.SingleAsync(c => c.ExternalId == userId);
        return (secret, customer.Id, customer.Name);
    }

    private async Task<(HubConnection Widget, WidgetStart Session)> StartAsync(WidgetIdentity? identity, string? token = null)
    {
        var widget = app.CreateWidgetConnection();
        await widget.StartAsync();
        _connections.Add(widget);
        return (widget, await widget.InvokeAsync<WidgetStart>("Start", "demo", token, identity));
    }

    private async Task<Guid?> ConversationCustomerAsync(Guid conversationId)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.CustomerId).SingleAsync();
    }

    [Fact]
    public async Task ValidSignature_AttachesTheChatToThatCustomer()
    {
        var (secret, customerId, name) = await DemoCustomerAsync(3);
        var userId = DemoAccounts.ShopUserId(3);

        var (widget, session) = await StartAsync(new WidgetIdentity(userId, SignedIdentity.Sign(userId, secret)));
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "Where is my order?");

        Assert.Equal(name, session.CustomerName);
        Assert.Equal(customerId, await ConversationCustomerAsync(sent.ConversationId));
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("unsigned")]
    [InlineData("other-user's signature")]
    public async Task ForgedOrMissingSignature_NeverAttaches(string attempt)
    {
        var (secret, _, _) = await DemoCustomerAsync(4);
        var userId = DemoAccounts.ShopUserId(4);
        var signature = attempt switch
        {
            "forged" => SignedIdentity.Sign(userId, "not-the-inbox-secret"),
            "unsigned" => null,
            _ => SignedIdentity.Sign(DemoAccounts.ShopUserId(5), secret),
        };

        var (widget, session) = await StartAsync(new WidgetIdentity(userId, signature));
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "Hi, it's me, honestly");

        Assert.Null(session.CustomerName);
        Assert.Null(await ConversationCustomerAsync(sent.ConversationId));
    }

    [Fact]
    public async Task ABrowserThatChattedAsOneCustomer_StartsAfreshForAnyoneElse()
    {
        var (secret, _, _) = await DemoCustomerAsync(6);
        var userId = DemoAccounts.ShopUserId(6);
        var (widget, session) = await StartAsync(new WidgetIdentity(userId, SignedIdentity.Sign(userId, secret)));
        await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "My private question");

        // Same browser (same visitor token), but the shop's user signed out.
        var (_, signedOut) = await StartAsync(null, session.VisitorToken);

        Assert.NotEqual(session.VisitorToken, signedOut.VisitorToken);
        Assert.Null(signedOut.ConversationId);
        Assert.Empty(signedOut.Messages);
    }

    [Fact]
    public async Task AnAnonymousVisitorWhoSignsIn_KeepsTheirChat_NowLinked()
    {
        var (secret, customerId, _) = await DemoCustomerAsync(7);
        var userId = DemoAccounts.ShopUserId(7);
        var (widget, anonymous) = await StartAsync(null);
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "Question before signing in");

        var (_, signedIn) = await StartAsync(new WidgetIdentity(userId, SignedIdentity.Sign(userId, secret)), anonymous.VisitorToken);

        Assert.Equal(anonymous.VisitorToken, signedIn.VisitorToken);
        Assert.Equal(sent.ConversationId, signedIn.ConversationId);
        Assert.Equal(customerId, await ConversationCustomerAsync(sent.ConversationId));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
    }
}
