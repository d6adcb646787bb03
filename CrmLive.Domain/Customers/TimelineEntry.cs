namespace CrmLive.Domain.Customers;

public enum TimelineKind { Conversation, Order, Ticket, Note, Deal, SegmentChange, TierChange, Csat, Profile, Campaign }

/// <summary>
/// One line of a customer's history. Everything that happens with a customer writes one, so the 360 page reads
/// a single indexed table newest first instead of merging every source at query time.
/// </summary>
public sealed class TimelineEntry
{
    private TimelineEntry() { }

    public TimelineEntry(Guid customerId, DateTimeOffset occurredAt, TimelineKind kind, string title, string? detail,
        Guid? subjectId)
    {
        CustomerId = customerId;
        OccurredAt = occurredAt;
        Kind = kind;
        Title = title.Length > 200 ? title[..200] : title;
        Detail = detail is { Length: > 1000 } ? detail[..1000] : detail;
        SubjectId = subjectId;
    }

    public long Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public TimelineKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string? Detail { get; private set; }

    /// <summary>The order, conversation, ticket… this entry is about.</summary>
    public Guid? SubjectId { get; private set; }

    /// <summary>The subject changed what it says (an edited note): the entry shows the new text, at its old place.</summary>
    public void Revise(string? detail) => Detail = detail is { Length: > 1000 } ? detail[..1000] : detail;
}
