namespace CrmLive.Infrastructure.Identity;

/// <summary>
/// An inbox a person works. Someone with no rows works every inbox; with rows, automatic assignment gives them only
/// those inboxes' conversations.
/// </summary>
public sealed class StaffInbox
{
    private StaffInbox() { }

    public StaffInbox(string userId, Guid inboxId)
    {
        UserId = userId;
        InboxId = inboxId;
    }

    public string UserId { get; private set; } = "";
    public Guid InboxId { get; private set; }
}
