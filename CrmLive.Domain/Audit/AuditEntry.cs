using CrmLive.Domain.Common;

namespace CrmLive.Domain.Audit;

/// <summary>Who acted: a signed-in person, an API key, or the system itself, and from which address.</summary>
public sealed record AuditActor(string? UserId, string Name, string? IpAddress)
{
    public static readonly AuditActor System = new(null, "System", null);
}

/// <summary>
/// One line of the audit log: who did what to which record, when and from where. Written in the same
/// transaction as the change it describes wherever there is one, so the log never claims what did not happen.
/// </summary>
public sealed class AuditEntry : Entity
{
    public const int MaxDetailLength = 2_000;

    private AuditEntry() { }

    public AuditEntry(AuditActor actor, string action, string target, string? detail, DateTimeOffset at)
    {
        At = at;
        ActorId = actor.UserId;
        ActorName = Truncate(actor.Name, 200) ?? "Unknown";
        IpAddress = Truncate(actor.IpAddress, 64);
        Action = Guard.NotBlank(action, "The audited action", 80);
        Target = Truncate(target, 400) ?? "";
        Detail = Truncate(detail, MaxDetailLength);
    }

    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string? IpAddress { get; private set; }

    /// <summary>A dotted verb such as <c>customer.merged</c> or <c>apikey.revoked</c> (see <see cref="AuditActions"/>).</summary>
    public string Action { get; private set; } = "";

    /// <summary>What was acted on, readable ("Customer Ana Lima (3f2…)").</summary>
    public string Target { get; private set; } = "";
    public string? Detail { get; private set; }

    private static string? Truncate(string? value, int max) =>
        value is null ? null : value.Length <= max ? value : value[..max];
}

/// <summary>The audited actions' names, in one place so filters and tests agree on them.</summary>
public static class AuditActions
{
    public const string CustomersImported = "customers.imported";
    public const string OrdersImported = "orders.imported";
    public const string ListExported = "list.exported";
    public const string CustomerMerged = "customer.merged";
    public const string CustomerDataExported = "customer.data_exported";
    public const string CustomerErased = "customer.erased";
    public const string ApiKeyCreated = "apikey.created";
    public const string ApiKeyRevoked = "apikey.revoked";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookChanged = "webhook.changed";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookDisabled = "webhook.disabled";
    public const string AnalyticsRecomputeRequested = "analytics.recompute";
    public const string ScheduleChanged = "schedule.changed";
    public const string SignedIn = "staff.signed_in";
    public const string SignInFailed = "staff.sign_in_failed";
    public const string LockedOut = "staff.locked_out";
    public const string SignedOut = "staff.signed_out";
    public const string StaffInvited = "staff.invited";
    public const string InvitationRevoked = "staff.invitation_revoked";
    public const string StaffJoined = "staff.joined";
    public const string RoleChanged = "staff.role_changed";
    public const string CapacityChanged = "staff.capacity_changed";
    public const string InboxesChanged = "staff.inboxes_changed";
    public const string StaffDeactivated = "staff.deactivated";
    public const string StaffReactivated = "staff.reactivated";
    public const string InboxCreated = "inbox.created";
    public const string InboxChanged = "inbox.changed";
    public const string InboxSecretRotated = "inbox.secret_rotated";
    public const string BotModelPromoted = "bot.model_promoted";
    public const string CampaignLaunched = "campaign.launched";
    public const string CampaignStopped = "campaign.stopped";

    /// <summary>Every action, for the audit page's filter.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AuditActions)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();
}
