using CrmLive.Domain.Common;

namespace CrmLive.Domain.Notes;

/// <summary>An agent's Markdown note on a customer; the agents it @mentions are told at once.</summary>
public sealed class Note : Entity
{
    public const int MaxLength = 10_000;

    private Note() { }

    public Note(Guid customerId, string authorId, string authorName, string body, DateTimeOffset createdAt)
    {
        CustomerId = customerId;
        AuthorId = authorId;
        AuthorName = authorName;
        Body = Guard.NotBlank(body, "A note", MaxLength);
        CreatedAt = createdAt;
    }

    public Guid CustomerId { get; private set; }
    public string AuthorId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? EditedAt { get; private set; }

    public void Edit(string body, DateTimeOffset now)
    {
        Body = Guard.NotBlank(body, "A note", MaxLength);
        EditedAt = now;
    }
}
