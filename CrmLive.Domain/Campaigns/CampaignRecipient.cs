using System.Security.Cryptography;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Campaigns;

public enum CampaignGroup { Treatment, Control }

/// <summary>How far one channel got with one recipient. Control recipients have no deliveries at all.</summary>
public enum DeliveryState { None, Pending, Sent, Skipped, Failed, Bounced }

/// <summary>
/// One customer drawn into a campaign at launch, in the treatment or the control group, with what each channel
/// did for them and how they responded. <see cref="Key"/> is the secret half of their unsubscribe and open links.
/// </summary>
public sealed class CampaignRecipient : Entity
{
    public const int MaxEmailAttempts = 3;

    private CampaignRecipient() { }

    public CampaignRecipient(Guid campaignId, Guid customerId, CampaignGroup group, CampaignChannels channels,
        DateTimeOffset assignedAt)
    {
        CampaignId = campaignId;
        CustomerId = customerId;
        Group = group;
        AssignedAt = assignedAt;
        var treated = group == CampaignGroup.Treatment;
        EmailState = treated && channels.HasFlag(CampaignChannels.Email) ? DeliveryState.Pending : DeliveryState.None;
        WidgetState = treated && channels.HasFlag(CampaignChannels.Widget) ? DeliveryState.Pending : DeliveryState.None;
        Key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    }

    public Guid CampaignId { get; private set; }
    public Guid CustomerId { get; private set; }
    public CampaignGroup Group { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
    public string Key { get; private set; } = "";

    public DeliveryState EmailState { get; private set; }
    public int EmailAttempts { get; private set; }
    public DateTimeOffset? EmailNextAttemptAt { get; private set; }
    public string? EmailNote { get; private set; }

    public DeliveryState WidgetState { get; private set; }
    public string? WidgetNote { get; private set; }

    /// <summary>The first moment a message of this campaign reached the customer (e-mail accepted, or widget shown).</summary>
    public DateTimeOffset? ReachedAt { get; private set; }

    /// <summary>The e-mail was opened (pixel) or the widget message was opened by the visitor.</summary>
    public DateTimeOffset? OpenedAt { get; private set; }

    /// <summary>The customer started a chat from the widget message.</summary>
    public DateTimeOffset? RepliedAt { get; private set; }
    public Guid? ReplyConversationId { get; private set; }
    public DateTimeOffset? DismissedAt { get; private set; }
    public DateTimeOffset? UnsubscribedAt { get; private set; }

    public bool KeyMatches(string key) =>
        key.Length == Key.Length &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(key), System.Text.Encoding.ASCII.GetBytes(Key));

    public void EmailSent(DateTimeOffset now)
    {
        EnsureTreated();
        EmailState = DeliveryState.Sent;
        EmailNextAttemptAt = null;
        EmailNote = null;
        ReachedAt ??= now;
    }

    /// <summary>Consent, address, cap or unsubscribe said no: the e-mail is never sent, and the reason is kept.</summary>
    public void SkipEmail(string reason)
    {
        EnsureTreated();
        EmailState = DeliveryState.Skipped;
        EmailNextAttemptAt = null;
        EmailNote = reason;
    }

    /// <summary>Quiet hours or a cap that frees up later: the same e-mail waits.</summary>
    public void DeferEmail(DateTimeOffset until, string reason)
    {
        EnsureTreated();
        EmailNextAttemptAt = until;
        EmailNote = reason;
    }

    /// <summary>The server refused the address for good (5xx): a bounce, never retried.</summary>
    public void EmailBounced(string reason)
    {
        EnsureTreated();
        EmailState = DeliveryState.Bounced;
        EmailNextAttemptAt = null;
        EmailNote = reason;
    }

    /// <summary>A temporary failure: tried again after a growing wait, until <see cref="MaxEmailAttempts"/>.</summary>
    public void EmailAttemptFailed(string reason, DateTimeOffset now)
    {
        EnsureTreated();
        EmailAttempts++;
        EmailNote = reason;
        if (EmailAttempts >= MaxEmailAttempts)
        {
            EmailState = DeliveryState.Failed;
            EmailNextAttemptAt = null;
        }
        else EmailNextAttemptAt = now + TimeSpan.FromMinutes(Math.Pow(5, EmailAttempts - 1));
    }

    public void WidgetShown(DateTimeOffset now)
    {
        EnsureTreated();
        WidgetState = DeliveryState.Sent;
        WidgetNote = null;
        ReachedAt ??= now;
    }

    /// <summary>Quiet hours or the cap: the message stays pending for the customer's next visit; the reason shows why.</summary>
    public void WidgetWaits(string reason)
    {
        EnsureTreated();
        if (WidgetState == DeliveryState.Pending) WidgetNote = reason;
    }

    public void SkipWidget(string reason)
    {
        EnsureTreated();
        WidgetState = DeliveryState.Skipped;
        WidgetNote = reason;
    }

    public void Opened(DateTimeOffset now)
    {
        if (Group == CampaignGroup.Control || ReachedAt is null) return;
        OpenedAt ??= now;
    }

    public void Replied(Guid conversationId, DateTimeOffset now)
    {
        if (WidgetState != DeliveryState.Sent) return;
        Opened(now);
        if (RepliedAt is not null) return;
        RepliedAt = now;
        ReplyConversationId = conversationId;
    }

    public void Dismissed(DateTimeOffset now)
    {
        if (WidgetState == DeliveryState.Sent) DismissedAt ??= now;
    }

    public void Unsubscribed(DateTimeOffset now)
    {
        UnsubscribedAt ??= now;
        if (EmailState == DeliveryState.Pending) SkipEmail("Unsubscribed");
    }

    /// <summary>The widget keeps offering the message until the visitor closes it or answers it.</summary>
    public bool WidgetMessageOpen => WidgetState == DeliveryState.Sent && DismissedAt is null && RepliedAt is null;

    private void EnsureTreated()
    {
        if (Group == CampaignGroup.Control)
            throw new DomainException("The control group receives nothing: that is what makes it a control.");
    }
}
