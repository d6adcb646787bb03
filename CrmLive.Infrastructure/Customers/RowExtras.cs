using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Customers;

/// <summary>Tags and chosen custom field values of one list page's records, in two indexed queries.</summary>
internal sealed record RowExtras(ILookup<Guid, string> Tags, ILookup<Guid, (Guid DefinitionId, string Value)> Values)
{
    public static async Task<RowExtras> ForPageAsync(CrmDbContext db, IReadOnlyList<Guid> ids, IReadOnlyList<Guid> columns,
        CancellationToken ct)
    {
        var tags = (await db.RecordTags.AsNoTracking().Where(t => ids.Contains(t.RecordId)).ToListAsync(ct))
            .ToLookup(t => t.RecordId, t => t.Tag);
        var values = columns.Count == 0 || ids.Count == 0
            ? []
            : await db.CustomAttributeValues.AsNoTracking()
                .Where(v => ids.Contains(v.RecordId) && columns.Contains(v.DefinitionId)).ToListAsync(ct);
        return new RowExtras(tags, values.ToLookup(v => v.RecordId, v => (v.DefinitionId, v.Value.Display())));
    }

    public IReadOnlyList<string> TagsOf(Guid id) => Tags[id].Order().ToList();

    public IReadOnlyDictionary<Guid, string> ValuesOf(Guid id) => Values[id].ToDictionary(v => v.DefinitionId, v => v.Value);
}
