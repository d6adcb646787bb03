using CrmLive.Domain.Notes;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Identity;

/// <summary>A member of staff as pickers, owner columns and @mentions show them.</summary>
public sealed record StaffMember(string Id, string DisplayName, string? Email)
{
    public string Handle => Mentions.HandleFor(DisplayName);

    public string Initials => string.Concat(DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => w[0]));
}

/// <summary>Who works here. Read often (every list row names an owner), so kept for a short while.</summary>
public sealed class StaffDirectory(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);
    private IReadOnlyList<StaffMember>? _cached;
    private DateTimeOffset _loadedAt;

    public async Task<IReadOnlyList<StaffMember>> AllAsync(CancellationToken ct = default)
    {
        if (_cached is { } cached && clock.GetUtcNow() - _loadedAt < FreshFor) return cached;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var staff = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new StaffMember(u.Id, u.DisplayName, u.Email)).ToListAsync(ct);
        _cached = staff;
        _loadedAt = clock.GetUtcNow();
        return staff;
    }

    public async Task<string?> NameOfAsync(string? id, CancellationToken ct = default) =>
        id is null ? null : (await AllAsync(ct)).FirstOrDefault(s => s.Id == id)?.DisplayName;
}
