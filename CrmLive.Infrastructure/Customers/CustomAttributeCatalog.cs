using CrmLive.Domain.Common;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Customers;

public sealed record AttributeDefinitionView(Guid Id, AttributeTarget Target, string Key, string Label, AttributeType Type,
    IReadOnlyList<string> Choices, bool Required, int Position);

/// <summary>The custom fields managers define for customers and companies.</summary>
public sealed class CustomAttributeCatalog(IDbContextFactory<CrmDbContext> dbFactory)
{
    public const int MaxPerTarget = 50;

    public async Task<IReadOnlyList<AttributeDefinitionView>> ListAsync(AttributeTarget target, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.CustomAttributes.AsNoTracking().Where(d => d.Target == target).ToListAsync(ct);
        return list.OrderBy(d => d.Position).ThenBy(d => d.Label).Select(View).ToList();
    }

    public async Task<AttributeDefinitionView> CreateAsync(AttributeTarget target, string label, AttributeType type,
        IEnumerable<string>? choices, bool required, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await db.CustomAttributes.CountAsync(d => d.Target == target, ct);
        if (count >= MaxPerTarget) throw new DomainException($"At most {MaxPerTarget} custom fields.");
        var definition = new CustomAttributeDefinition(target, label, type, choices, required, count);
        if (await db.CustomAttributes.AnyAsync(d => d.Target == target && d.Key == definition.Key, ct))
            throw new DomainException($"There is already a field called “{label.Trim()}”.");
        db.CustomAttributes.Add(definition);
        await db.SaveChangesAsync(ct);
        return View(definition);
    }

    public async Task UpdateAsync(Guid id, string label, IEnumerable<string>? choices, bool required, int position,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var definition = await db.CustomAttributes.SingleOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new DomainException("That field no longer exists.");
        definition.Edit(label, choices, required, position);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deleting a field deletes its values (cascade), in one statement.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.CustomAttributeValues.Where(v => v.DefinitionId == id).ExecuteDeleteAsync(ct);
        await db.CustomAttributes.Where(d => d.Id == id).ExecuteDeleteAsync(ct);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> ValuesOfAsync(Guid recordId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var values = await db.CustomAttributeValues.AsNoTracking().Where(v => v.RecordId == recordId).ToListAsync(ct);
        return values.ToDictionary(v => v.DefinitionId, v => v.Value.Display());
    }

    private static AttributeDefinitionView View(CustomAttributeDefinition d) =>
        new(d.Id, d.Target, d.Key, d.Label, d.Type, d.Choices, d.Required, d.Position);
}
