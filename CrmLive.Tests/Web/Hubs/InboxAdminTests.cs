using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Chat;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>An Admin's inbox settings, as the widget hub then applies them.</summary>
[Trait("Database", "Any")]
public class InboxAdminTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private static readonly AuditActor Admin = new(null, "Test Admin", "127.0.0.1");
    private InboxAdmin Inboxes => app.Service<InboxAdmin>();

    [Fact]
    public async Task AVerifiedOnlyInbox_LetsUnsignedVisitorsReadButNotWrite_AndSignedOnesChat()
    {
        var inbox = await Inboxes.CreateAsync(Admin, "members-" + Guid.NewGuid().ToString("N")[..6], "Members");
        var form = InboxForm.From(inbox);
        form.VerifiedVisitorsOnly = true;
        form.Greeting = "Members only";
        form.Color = "#112233";
        form.Position = WidgetPosition.Left;
        await Inboxes.SaveAsync(Admin, inbox.Id, form);

        await using var anonymous = app.CreateWidgetConnection();
        await anonymous.StartAsync();
        var start = await anonymous.InvokeAsync<WidgetStart>("Start", inbox.Key, null, null);
        Assert.False(start.Inbox.CanChat);
        Assert.Equal(("Members only", "#112233", "left"), (start.Inbox.Greeting, start.Inbox.Color, start.Inbox.Position));
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            anonymous.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString("N"), "let me in"));
        Assert.Contains("signed-in customers", refused.Message);

        await using var signed = app.CreateWidgetConnection();
        await signed.StartAsync();
        var secret = (await Inboxes.GetAsync(inbox.Id))!.IdentitySecret;
        var identity = new WidgetIdentity("member-1", SignedIdentity.Sign("member-1", secret));
        var signedStart = await signed.InvokeAsync<WidgetStart>("Start", inbox.Key, null, identity);
        Assert.True(signedStart.Inbox.CanChat);
        var sent = await signed.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString("N"), "hello as a member");
        Assert.NotEqual(Guid.Empty, sent.ConversationId);
    }

    [Fact]
    public async Task ARotatedSecret_KeepsSigningInDuringTheGrace_ThenOnlyTheNewOneDoes()
    {
        var inbox = await Inboxes.CreateAsync(Admin, "rot-" + Guid.NewGuid().ToString("N")[..6], "Rotation");
        var form = InboxForm.From(inbox);
        form.VerifiedVisitorsOnly = true;
        await Inboxes.SaveAsync(Admin, inbox.Id, form);
        var oldIdentity = new WidgetIdentity("u-7", SignedIdentity.Sign("u-7", inbox.IdentitySecret));

        var rotated = await Inboxes.RotateSecretAsync(Admin, inbox.Id, TimeSpan.FromHours(1));
        Assert.True(await CanChatAsync(inbox.Key, oldIdentity));
        Assert.True(await CanChatAsync(inbox.Key, new WidgetIdentity("u-7", SignedIdentity.Sign("u-7", rotated.IdentitySecret))));

        await Inboxes.RotateSecretAsync(Admin, inbox.Id, TimeSpan.Zero);
        Assert.False(await CanChatAsync(inbox.Key, oldIdentity));
        Assert.Contains(await app.Service<AuditLog>().RecentAsync(AuditActions.InboxSecretRotated), l => l.Target.Contains(inbox.Key));
    }

    [Fact]
    public async Task ASaveIsAllOrNothing_TheFirstBrokenRuleIsTheMessage()
    {
        var inbox = await Inboxes.CreateAsync(Admin, "bad-" + Guid.NewGuid().ToString("N")[..6], "Bad");
        var form = InboxForm.From(inbox);
        form.Name = "Renamed";
        form.BusinessHours = "Mon-Fri 9 to 5";

        var ex = await Assert.ThrowsAsync<DomainException>(() => Inboxes.SaveAsync(Admin, inbox.Id, form));

        Assert.Contains("Mon-Fri 09:00-17:00", ex.Message);
        Assert.Equal("Bad", (await Inboxes.GetAsync(inbox.Id))!.Name);
        await Assert.ThrowsAsync<DomainException>(() => Inboxes.CreateAsync(Admin, inbox.Key, "Same key"));
    }

    private async Task<bool> CanChatAsync(string key, WidgetIdentity identity)
    {
        await using var connection = app.CreateWidgetConnection();
        await connection.StartAsync();
        return (await connection.InvokeAsync<WidgetStart>("Start", key, null, identity)).Inbox.CanChat;
    }
}
