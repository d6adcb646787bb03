using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Customers;

/// <summary>Tags and custom field values, stored the same way for customers and companies.</summary>
public sealed class RecordExtras(IDbContextFactory<CrmDbContext> dbFactory)
{
    public const int MaxTags = 30;

    /// <summary>Replaces the record's tags with <paramref name="tags"/> (normalised, each once).</summary>
    public async Task SetTagsAsync(Guid recordId, IEnumerable<string> tags, CancellationToken ct = default)
    {
        var wanted = tags.Select(RecordTag.Normalize).Distinct().ToList();
        if (wanted.Count > MaxTags) throw new DomainException($"At most {MaxTags} tags.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.RecordTags.Where(t => t.RecordId == recordId).ToListAsync(ct);
        db.RecordTags.RemoveRange(current.Where(t => !wanted.Contains(t.Tag)));
        db.RecordTags.AddRange(wanted.Where(w => current.All(t => t.Tag != w)).Select(w => new RecordTag(recordId, w)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sets (or with a blank input clears) one custom field, typed and validated by its definition.</summary>
    public async Task SetAttributeAsync(Guid recordId, AttributeTarget target, Guid definitionId, string? input,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var definition = await db.CustomAttributes.SingleOrDefaultAsync(d => d.Id == definitionId, ct)
            ?? throw new DomainException("That field no longer exists.");
        if (definition.Target != target)
            throw new DomainException($"That field belongs to {(definition.Target == AttributeTarget.Company ? "companies" : "customers")}.");
        var value = definition.Parse(input);
        var row = await db.CustomAttributeValues.SingleOrDefaultAsync(v => v.RecordId == recordId && v.DefinitionId == definitionId, ct);
        if (value.IsEmpty && row is not null) db.CustomAttributeValues.Remove(row);
        else if (row is not null) row.Set(value);
        else if (!value.IsEmpty) db.CustomAttributeValues.Add(new CustomAttributeValue(recordId, definitionId, value));
        await db.SaveChangesAsync(ct);
    }
}
