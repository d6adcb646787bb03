namespace CrmLive.Domain.Common;

/// <summary>Base for aggregates identified by a GUID.</summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();
}
