using System.Text.Json;
using CrmLive.Domain.Common;
using CrmLive.Domain.Lists;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Lists;

public sealed record SavedViewInfo(Guid Id, string Name, bool Shared, bool Mine, string Definition);

/// <summary>Named filters of a list: everyone sees their own and the shared ones; only the owner changes a view.</summary>
public sealed class SavedViews(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SavedViewInfo>> VisibleToAsync(ListKind list, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SavedViews.AsNoTracking()
            .Where(v => v.List == list && (v.Shared || v.OwnerId == userId))
            .OrderBy(v => v.Name)
            .Select(v => new SavedViewInfo(v.Id, v.Name, v.Shared, v.OwnerId == userId, v.Definition))
            .ToListAsync(ct);
    }

    public async Task<SavedViewInfo> SaveAsync<TDefinition>(ListKind list, string name, bool shared, TDefinition definition,
        string userId, CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(definition, Json);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.SavedViews.SingleOrDefaultAsync(v => v.List == list && v.OwnerId == userId && v.Name == name.Trim(), ct);
        if (existing is null)
        {
            existing = new SavedView(list, name, userId, shared, json, clock.GetUtcNow());
            db.SavedViews.Add(existing);
        }
        else existing.Update(name, shared, json);
        await db.SaveChangesAsync(ct);
        return new SavedViewInfo(existing.Id, existing.Name, existing.Shared, true, existing.Definition);
    }

    public async Task DeleteAsync(Guid id, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var view = await db.SavedViews.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (view is null) return;
        if (view.OwnerId != userId) throw new DomainException("Only the person who saved a view can delete it.");
        db.SavedViews.Remove(view);
        await db.SaveChangesAsync(ct);
    }

    public static T? Read<T>(SavedViewInfo view) => JsonSerializer.Deserialize<T>(view.Definition, Json);
}
