using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Chat;

public sealed record CannedResponseDto(Guid Id, string Shortcut, string Text);

/// <summary>The team's saved replies: managers keep them, every agent inserts them with <c>/shortcut</c>.</summary>
public sealed class CannedResponses(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock,
    ILogger<CannedResponses> logger)
{
    public async Task<IReadOnlyList<CannedResponseDto>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CannedResponses.AsNoTracking().OrderBy(c => c.Shortcut)
            .Select(c => new CannedResponseDto(c.Id, c.Shortcut, c.Text)).ToListAsync(ct);
    }

    /// <summary>Creates (when <paramref name="id"/> is null) or edits a saved reply; shortcuts are unique.</summary>
    public async Task<CannedResponseDto> SaveAsync(Guid? id, string shortcut, string text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        CannedResponse entity;
        try
        {
            if (id is { } existing)
            {
                entity = await db.CannedResponses.SingleOrDefaultAsync(c => c.Id == existing, ct)
                    ?? throw new ChatException("That saved reply no longer exists.");
                entity.Edit(shortcut, text);
            }
            else
            {
                entity = new CannedResponse(shortcut, text, clock.GetUtcNow());
                db.CannedResponses.Add(entity);
            }
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
        if (await db.CannedResponses.AnyAsync(c => c.Shortcut == entity.Shortcut && c.Id != entity.Id, ct))
            throw new ChatException($"/{entity.Shortcut} is already taken.");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            logger.LogWarning(ex, "Saved reply /{Shortcut} could not be stored", entity.Shortcut);
            throw new ChatException($"/{entity.Shortcut} is already taken.");
        }
        return new CannedResponseDto(entity.Id, entity.Shortcut, entity.Text);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.CannedResponses.Where(c => c.Id == id).ExecuteDeleteAsync(ct);
    }
}
