using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Domain.Team;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Team;

public sealed record StaffRow(string Id, string Name, string Email, string Role, int Capacity, IReadOnlyList<Guid> InboxIds,
    bool IsActive, DateTimeOffset? LastSignInAt, bool LockedOut);

public sealed record InvitationRow(Guid Id, string Email, string Name, string Role, string InvitedBy, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, InvitationState State);

/// <summary>An invitation just made: the token is in no database, so this is the one moment the link can be shown.</summary>
public sealed record NewInvitation(Guid Id, string Email, string Token, DateTimeOffset ExpiresAt, bool Mailed);

/// <summary>
/// Who works here and what they may do: invitations, roles, capacity, inboxes, deactivation. Each change runs in
/// its own scope (Identity's stores hold a DbContext) and is audited in the same transaction.
/// </summary>
public sealed class TeamService(
    IServiceScopeFactory scopes,
    IDbContextFactory<CrmDbContext> dbFactory,
    AuditLog audit,
    ConversationService conversations,
    ILiveEventBus bus,
    IInvitationMailer mailer,
    IOptions<TeamOptions> options,
    TimeProvider clock,
    ILogger<TeamService> logger)
{
    public const int MaxCapacity = 50;

    public async Task<IReadOnlyList<StaffRow>> MembersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(ct);
        var roles = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var inboxes = await db.StaffInboxes.AsNoTracking().ToListAsync(ct);
        return users.Select(u => new StaffRow(u.Id, u.DisplayName, u.Email ?? "",
                Roles.Highest(roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "")),
                u.ChatCapacity, inboxes.Where(i => i.UserId == u.Id).Select(i => i.InboxId).ToList(), u.IsActive,
                u.LastSignInAt, u.LockoutEnd > now))
            .ToList();
    }

    public async Task<IReadOnlyList<InvitationRow>> InvitationsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var since = now - TimeSpan.FromDays(30);
        var rows = await db.Invitations.AsNoTracking().Where(i => i.CreatedAt > since).ToListAsync(ct);
        return rows.OrderByDescending(i => i.CreatedAt)
            .Select(i => new InvitationRow(i.Id, i.Email, i.DisplayName, i.Role, i.InvitedByName, i.CreatedAt, i.ExpiresAt,
                i.StateAt(now)))
            .ToList();
    }

    /// <summary>Invites someone; a pending invitation to the same address is replaced, so only the newest link works.</summary>
    public async Task<NewInvitation> InviteAsync(AuditActor actor, string email, string name, string role,
        string acceptUrlFormat, CancellationToken ct = default)
    {
        EnsureRole(role);
        var normalized = StaffEmail.Normalize(email);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized.ToUpperInvariant(), ct))
            throw new DomainException($"{normalized} is already on the team.");
        foreach (var pending in await db.Invitations.Where(i => i.Email == normalized && i.AcceptedAt == null && i.RevokedAt == null)
                     .ToListAsync(ct))
            if (pending.StateAt(now) == InvitationState.Pending) pending.Revoke(now);

        var token = Invitation.NewToken();
        var invitation = new Invitation(normalized, name, role, Invitation.HashToken(token), actor.Name, now, options.Value.InvitationLifetime);
        db.Invitations.Add(invitation);
        audit.Add(db, actor, AuditActions.StaffInvited, $"{invitation.DisplayName} <{normalized}>", $"Role {role}");
        await db.SaveChangesAsync(ct);

        var link = string.Format(System.Globalization.CultureInfo.InvariantCulture, acceptUrlFormat, token);
        var mailed = await mailer.TrySendAsync(invitation, link, actor.Name, ct);
        return new NewInvitation(invitation.Id, normalized, token, invitation.ExpiresAt, mailed);
    }

    public async Task RevokeInvitationAsync(AuditActor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new DomainException("That invitation no longer exists.");
        invitation.Revoke(clock.GetUtcNow());
        audit.Add(db, actor, AuditActions.InvitationRevoked, $"{invitation.DisplayName} <{invitation.Email}>");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The invitation a link opens, whatever its state (the page says why a spent one no longer works).</summary>
    public async Task<InvitationRow?> FindAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = Invitation.HashToken(token.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        return i is null ? null : new InvitationRow(i.Id, i.Email, i.DisplayName, i.Role, i.InvitedByName, i.CreatedAt, i.ExpiresAt,
            i.StateAt(clock.GetUtcNow()));
    }

    /// <summary>
    /// Creates the account an invitation promised, in one transaction with spending the invitation: a second click,
    /// or two at once, cannot make two accounts.
    /// </summary>
    public async Task<StaffUser> AcceptAsync(string token, string displayName, string password, string? ipAddress,
        CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var hash = Invitation.HashToken(token.Trim());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct)
            ?? throw new DomainException("This invitation link is not valid. Ask an Admin for a new one.");
        var now = clock.GetUtcNow();
        invitation.Accept(now);
        var name = Guard.NotBlank(displayName, "Your name", 100);
        if (await users.FindByEmailAsync(invitation.Email) is not null)
            throw new DomainException($"{invitation.Email} already has an account; sign in instead.");
        var user = new StaffUser
        {
            UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = name,
            LastSignInAt = now,
        };
        EnsureSucceeded(await users.CreateAsync(user, password));
        EnsureSucceeded(await users.AddToRoleAsync(user, invitation.Role));
        audit.Add(db, new AuditActor(user.Id, name, ipAddress), AuditActions.StaffJoined, $"{name} <{invitation.Email}>",
            $"Role {invitation.Role}, invited by {invitation.InvitedByName}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{Email} accepted an invitation as {Role}", invitation.Email, invitation.Role);
        return user;
    }

    public Task SetRoleAsync(AuditActor actor, string userId, string role, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, async (user, users, db) =>
        {
            EnsureRole(role);
            var current = Roles.Highest(await users.GetRolesAsync(user));
            if (current == role) return null;
            if (current == Roles.Admin) await EnsureAnotherAdminAsync(db, user.Id, ct);
            EnsureSucceeded(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
            EnsureSucceeded(await users.AddToRoleAsync(user, role));
            EnsureSucceeded(await users.UpdateSecurityStampAsync(user)); // sessions sign in again with the new role
            return (AuditActions.RoleChanged, $"{current} → {role}", "role");
        }, ct);

    public Task SetCapacityAsync(AuditActor actor, string userId, int capacity, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, (user, users, _) =>
        {
            if (capacity is < 0 or > MaxCapacity)
                throw new DomainException($"Chat capacity is a number from 0 (no automatic assignment) to {MaxCapacity}.");
            if (user.ChatCapacity == capacity) return Task.FromResult<(string, string?, string?)?>(null);
            var detail = $"{user.ChatCapacity} → {capacity}";
            user.ChatCapacity = capacity;
            return Task.FromResult<(string, string?, string?)?>((AuditActions.CapacityChanged, detail, null));
        }, ct);

    /// <summary>The inboxes whose conversations automatic assignment may give this person; none means all.</summary>
    public Task SetInboxesAsync(AuditActor actor, string userId, IReadOnlyCollection<Guid> inboxIds, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, async (user, _, db) =>
        {
            var known = await db.Inboxes.Where(i => inboxIds.Contains(i.Id)).Select(i => new { i.Id, i.Name }).ToListAsync(ct);
            if (known.Count != inboxIds.Distinct().Count()) throw new DomainException("One of those inboxes no longer exists.");
            db.StaffInboxes.RemoveRange(await db.StaffInboxes.Where(s => s.UserId == user.Id).ToListAsync(ct));
            db.StaffInboxes.AddRange(known.Select(i => new StaffInbox(user.Id, i.Id)));
            return (AuditActions.InboxesChanged, known.Count == 0 ? "All inboxes" : string.Join(", ", known.Select(i => i.Name)), null);
        }, ct);

    /// <summary>
    /// Ends someone's access: no sign-in, open sessions end on every instance, and their open conversations go
    /// back to the queue with a note saying why.
    /// </summary>
    public async Task DeactivateAsync(AuditActor actor, string userId, CancellationToken ct = default)
    {
        if (userId == actor.UserId) throw new DomainException("You cannot deactivate yourself; ask another Admin.");
        await ChangeAsync(actor, userId, async (user, users, db) =>
        {
            if (!user.IsActive) return null;
            if (await users.IsInRoleAsync(user, Roles.Admin)) await EnsureAnotherAdminAsync(db, user.Id, ct);
            user.IsActive = false;
            user.DeactivatedAt = clock.GetUtcNow();
            EnsureSucceeded(await users.UpdateSecurityStampAsync(user));
            return (AuditActions.StaffDeactivated, null, "deactivated");
        }, ct);
        await ReturnConversationsAsync(actor, userId, ct);
    }

    public Task ReactivateAsync(AuditActor actor, string userId, CancellationToken ct = default) =>
        ChangeAsync(actor, userId, async (user, users, _) =>
        {
            if (user.IsActive) return null;
            user.IsActive = true;
            user.DeactivatedAt = null;
            EnsureSucceeded(await users.SetLockoutEndDateAsync(user, null));
            return (AuditActions.StaffReactivated, null, null);
        }, ct);

    /// <summary>Loads the person, applies the change, audits it with the change, and tells their screens when it ends a session.</summary>
    private async Task ChangeAsync(AuditActor actor, string userId,
        Func<StaffUser, UserManager<StaffUser>, CrmDbContext, Task<(string Action, string? Detail, string? EndsSession)?>> change,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await users.FindByIdAsync(userId) ?? throw new DomainException("That person is not on the team.");
        var done = await change(user, users, db);
        if (done is not { } audited) return;
        EnsureSucceeded(await users.UpdateAsync(user));
        audit.Add(db, actor, audited.Action, $"{user.DisplayName} <{user.Email}>", audited.Detail);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (audited.EndsSession is { } reason) await bus.PublishAsync(new StaffAccessChanged(user.Id, reason), ct);
    }

    private async Task ReturnConversationsAsync(AuditActor actor, string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.Conversations.AsNoTracking()
            .Where(c => c.AssignedAgentId == userId && c.Status != ConversationStatus.Resolved)
            .Select(c => c.Id).ToListAsync(ct);
        foreach (var id in open)
            await conversations.TransferAsync(id, null, actor.UserId ?? "system", actor.Name, ct);
        if (open.Count > 0) logger.LogInformation("Returned {Count} conversations of deactivated {UserId} to the queue", open.Count, userId);
    }

    private static async Task EnsureAnotherAdminAsync(CrmDbContext db, string userId, CancellationToken ct)
    {
        var admins = await db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users.Where(u => u.IsActive), id => id, u => u.Id, (id, _) => id)
            .CountAsync(id => id != userId, ct);
        if (admins == 0) throw new DomainException("The team needs at least one active Admin; make someone else Admin first.");
    }

    private static void EnsureRole(string role)
    {
        if (!Roles.All.Contains(role)) throw new DomainException($"'{role}' is not a role; pick Admin, Manager or Agent.");
    }

    private static void EnsureSucceeded(IdentityResult result)
    {
        if (!result.Succeeded) throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
