using CrmLive.Domain.Common;

namespace CrmLive.Domain.Lists;

public enum ListKind { Customers, Companies, Tickets, Deals }

/// <summary>
/// A named filter of a list ("VIPs in Berlin without an owner"), the owner's own or shared with the team. The
/// filter itself is stored as the list's JSON so each list keeps its own filter shape.
/// </summary>
public sealed class SavedView : Entity
{
    public const int MaxDefinitionLength = 8_000;

    private SavedView() { }

    public SavedView(ListKind list, string name, string ownerId, bool shared, string definition, DateTimeOffset createdAt)
    {
        List = list;
        OwnerId = ownerId;
        CreatedAt = createdAt;
        Update(name, shared, definition);
    }

    public ListKind List { get; private set; }
    public string Name { get; private set; } = "";
    public string OwnerId { get; private set; } = "";
    public bool Shared { get; private set; }
    public string Definition { get; private set; } = "{}";
    public DateTimeOffset CreatedAt { get; private set; }

    public void Update(string name, bool shared, string definition)
    {
        Name = Guard.NotBlank(name, "The view's name", 80);
        if (string.IsNullOrWhiteSpace(definition) || definition.Length > MaxDefinitionLength)
            throw new DomainException("The view's filter is empty or too long.");
        Shared = shared;
        Definition = definition;
    }

    public bool VisibleTo(string userId) => Shared || OwnerId == userId;
}
