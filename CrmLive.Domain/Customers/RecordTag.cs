using CrmLive.Domain.Conversations;

namespace CrmLive.Domain.Customers;

/// <summary>A tag on a customer or a company ("vip", "wholesale"); the same normal form as conversation labels.</summary>
public sealed class RecordTag
{
    private RecordTag() { }

    public RecordTag(Guid recordId, string tag)
    {
        RecordId = recordId;
        Tag = Normalize(tag);
    }

    public Guid RecordId { get; private set; }
    public string Tag { get; private set; } = "";

    public static string Normalize(string? tag) => ConversationLabel.Normalize(tag);
}
