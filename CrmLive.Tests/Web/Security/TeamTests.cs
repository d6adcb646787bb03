using System.Net;
using System.Text.RegularExpressions;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Domain.Team;
using CrmLive.Infrastructure.Team;
using Microsoft.AspNetCore.SignalR.Client;
using CrmLive.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmLive.Tests.Web.Security;

/// <summary>An Admin runs the team: invitations that open once, roles, deactivation that ends access at once.</summary>
[Trait("Database", "Any")]
public class TeamTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private const string NewPassword = "Welcome!team42";
    private static readonly AuditActor Admin = new(null, "Test Admin", "127.0.0.1");

    private TeamService Team => app.Service<TeamService>();

    [Fact]
    public async Task AnInvitation_CreatesTheAccountInItsRole_Once()
    {
        var email = $"nina.{Guid.NewGuid():N}"[..16] + "@crmlive.test";
        var invited = await Team.InviteAsync(Admin, email, "Nina New", Roles.Manager, "http://crm.test/account/invitation/{0}");

        var client = app.CreateBrowserClient();
        var accepted = await PostAcceptAsync(client, invited.Token, "Nina Newton", NewPassword);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var users = app.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.Equal("Nina Newton", user.DisplayName);
        Assert.True(await users.IsInRoleAsync(user, Roles.Manager));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode); // signed in as a Manager

        // The same link again: spent, and no second account.
        var again = await client.GetStringAsync($"/account/invitation/{invited.Token}");
        Assert.Contains("already been used", again);
        await Assert.ThrowsAsync<DomainException>(() => Team.AcceptAsync(invited.Token, "Nina Twice", NewPassword, null));
        var audit = await app.Service<AuditLog>().RecentAsync(AuditActions.StaffJoined);
        Assert.Contains(audit, a => a.Target.Contains(email));
    }

    [Fact]
    public async Task AWeakPassword_IsRefusedWithTheReason_AndTheInvitationStaysUsable()
    {
        var email = $"weak.{Guid.NewGuid():N}"[..16] + "@crmlive.test";
        var invited = await Team.InviteAsync(Admin, email, "Walt Weak", Roles.Agent, "http://crm.test/i/{0}");

        var response = await PostAcceptAsync(app.CreateBrowserClient(), invited.Token, "Walt", "password12", "password12");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"invitation-error\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(InvitationState.Pending, (await Team.FindAsync(invited.Token))!.State);
    }

    [Fact]
    public async Task WithdrawnAndReplacedInvitations_NoLongerOpen()
    {
        var email = $"re.{Guid.NewGuid():N}"[..16] + "@crmlive.test";
        var first = await Team.InviteAsync(Admin, email, "Rita Re", Roles.Agent, "http://crm.test/i/{0}");
        var second = await Team.InviteAsync(Admin, email, "Rita Re", Roles.Agent, "http://crm.test/i/{0}");

        Assert.Equal(InvitationState.Revoked, (await Team.FindAsync(first.Token))!.State);
        await Team.RevokeInvitationAsync(Admin, second.Id);
        var page = await app.CreateBrowserClient().GetStringAsync($"/account/invitation/{second.Token}");
        Assert.Contains("withdrawn", page);
        Assert.Null(await Team.FindAsync("not-a-real-token"));
    }

    [Fact]
    public async Task InvitingSomeoneAlreadyOnTheTeam_OrInAnUnknownRole_IsRefused()
    {
        await Assert.ThrowsAsync<DomainException>(() =>
            Team.InviteAsync(Admin, "agent1@crmlive.demo", "Again", Roles.Agent, "http://crm.test/i/{0}"));
        await Assert.ThrowsAsync<DomainException>(() =>
            Team.InviteAsync(Admin, "x@crmlive.test", "X", "Owner", "http://crm.test/i/{0}"));
        await Assert.ThrowsAsync<DomainException>(() =>
            Team.InviteAsync(Admin, "not an address", "X", Roles.Agent, "http://crm.test/i/{0}"));
    }

    [Fact]
    public async Task Deactivating_EndsSignIn_ReturnsConversationsToTheQueue_AndTellsTheirScreens()
    {
        var (userId, email) = await NewMemberAsync(Roles.Agent);
        var client = await app.SignInAsync(email, NewPassword);
        var conversationId = await ConversationAssignedToAsync(userId);
        var ended = new TaskCompletionSource<StaffAccessChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = app.Service<ILiveEventBus>().Subscribe<StaffAccessChanged>(e =>
        {
            if (e.UserId == userId) ended.TrySetResult(e);
            return Task.CompletedTask;
        });

        await Team.DeactivateAsync(Admin, userId);

        Assert.Equal("deactivated", (await ended.Task.WithinAsync("the session-ending event")).Reason);
        var login = await CrmLiveAppFactory.PostLoginAsync(app.CreateBrowserClient(), email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("deactivated", await login.Content.ReadAsStringAsync());
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        Assert.Null(conversation.AssignedAgentId);
        Assert.Equal(ConversationStatus.WaitingForAgent, conversation.Status);
        Assert.Contains(await db.Messages.Where(m => m.ConversationId == conversationId).Select(m => m.Text).ToListAsync(),
            t => t.Contains("Transferred to the queue by Test Admin"));
        // The old cookie is refused once the security stamp is checked (the ended session's sign-in page clears it).
        var ending = await client.GetStringAsync("/account/login?ended=deactivated");
        Assert.Contains("deactivated", ending);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/inbox")).StatusCode);

        await Team.ReactivateAsync(Admin, userId);
        Assert.Equal(HttpStatusCode.Redirect, (await CrmLiveAppFactory.PostLoginAsync(app.CreateBrowserClient(), email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task TheLastActiveAdmin_CannotBeDemotedOrDeactivated_NorCanAnAdminDeactivateThemselves()
    {
        var users = app.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        var (secondAdmin, _) = await NewMemberAsync(Roles.Admin);
        foreach (var other in admins) await Team.DeactivateAsync(Admin, other.Id);

        var demote = await Assert.ThrowsAsync<DomainException>(() => Team.SetRoleAsync(Admin, secondAdmin, Roles.Agent));
        Assert.Contains("at least one active Admin", demote.Message);
        await Assert.ThrowsAsync<DomainException>(() => Team.DeactivateAsync(Admin, secondAdmin));
        await Assert.ThrowsAsync<DomainException>(() =>
            Team.DeactivateAsync(new AuditActor(secondAdmin, "Me", null), secondAdmin));

        foreach (var other in admins) await Team.ReactivateAsync(Admin, other.Id);
        await Team.SetRoleAsync(Admin, secondAdmin, Roles.Agent);
        Assert.Equal(Roles.Agent, (await Team.MembersAsync()).Single(m => m.Id == secondAdmin).Role);
    }

    [Fact]
    public async Task ChangingARole_EndsTheSession_AndIsAudited()
    {
        var (userId, _) = await NewMemberAsync(Roles.Agent);
        var ended = new TaskCompletionSource<StaffAccessChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = app.Service<ILiveEventBus>().Subscribe<StaffAccessChanged>(e =>
        {
            if (e.UserId == userId) ended.TrySetResult(e);
            return Task.CompletedTask;
        });

        await Team.SetRoleAsync(Admin, userId, Roles.Manager);

        Assert.Equal("role", (await ended.Task.WithinAsync("the session-ending event")).Reason);
        var line = (await app.Service<AuditLog>().RecentAsync(AuditActions.RoleChanged)).First();
        Assert.Equal("Agent → Manager", line.Detail);
    }

    [Fact]
    public async Task CapacityAndInboxes_AreChecked_AndSteerAutomaticAssignment()
    {
        var (userId, _) = await NewMemberAsync(Roles.Agent);
        await Assert.ThrowsAsync<DomainException>(() => Team.SetCapacityAsync(Admin, userId, 51));
        await Assert.ThrowsAsync<DomainException>(() => Team.SetInboxesAsync(Admin, userId, [Guid.NewGuid()]));

        await Team.SetCapacityAsync(Admin, userId, 7);
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var demo = await db.Inboxes.Where(i => i.Key == "demo").Select(i => i.Id).SingleAsync();
        await Team.SetInboxesAsync(Admin, userId, [demo]);

        var member = (await Team.MembersAsync()).Single(m => m.Id == userId);
        Assert.Equal(7, member.Capacity);
        Assert.Equal([demo], member.InboxIds);
    }

    private async Task<(string UserId, string Email)> NewMemberAsync(string role)
    {
        var email = $"m{Guid.NewGuid():N}"[..14] + "@crmlive.test";
        var invited = await Team.InviteAsync(Admin, email, "Member " + email[..6], role, "http://crm.test/i/{0}");
        var user = await Team.AcceptAsync(invited.Token, "Member " + email[..6], NewPassword, null);
        return (user.Id, email);
    }

    private async Task<Guid> ConversationAssignedToAsync(string userId)
    {
        await using var widget = app.CreateWidgetConnection();
        await widget.StartAsync();
        await widget.InvokeAsync<CrmLive.Web.Chat.WidgetStart>("Start", "demo", null, null);
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString("N"), "talk to a human please");
        await app.Service<ConversationService>().TransferAsync(sent.ConversationId, userId, "system", "Test");
        return sent.ConversationId;
    }

    private static async Task<HttpResponseMessage> PostAcceptAsync(HttpClient client, string token, string name, string password,
        string? confirm = null)
    {
        var form = await client.GetStringAsync($"/account/invitation/{token}");
        var antiforgery = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync($"/account/invitation/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "accept-invitation",
            ["__RequestVerificationToken"] = antiforgery,
            ["Input.Name"] = name,
            ["Input.Password"] = password,
            ["Input.Confirm"] = confirm ?? password,
        }));
    }
}
