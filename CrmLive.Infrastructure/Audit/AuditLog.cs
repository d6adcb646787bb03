using CrmLive.Domain.Audit;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Audit;

public sealed record AuditLine(DateTimeOffset At, string ActorName, string? IpAddress, string Action, string Target, string? Detail);

/// <summary>The audit log: appended with the change it records, read by Admins newest first.</summary>
public sealed class AuditLog(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock, ILogger<AuditLog> logger)
{
    /// <summary>Adds the entry to <paramref name="db"/> so it is saved, or rolled back, with the change itself.</summary>
    public void Add(CrmDbContext db, AuditActor actor, string action, string target, string? detail = null)
    {
        db.AuditLog.Add(new AuditEntry(actor, action, target, detail, clock.GetUtcNow()));
        logger.LogInformation("Audit {Action} on {Target} by {Actor} from {Ip}", action, target, actor.Name, actor.IpAddress);
    }

    /// <summary>For actions with no transaction of their own (an export, a download).</summary>
    public async Task WriteAsync(AuditActor actor, string action, string target, string? detail = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Add(db, actor, action, target, detail);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<AuditLine>> RecentAsync(string? action = null, int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(action)) query = query.Where(e => e.Action == action);
        var rows = await query.OrderByDescending(e => e.At).ThenBy(e => e.Id).Take(Math.Clamp(take, 1, 1000))
            .Select(e => new AuditLine(e.At, e.ActorName, e.IpAddress, e.Action, e.Target, e.Detail)).ToListAsync(ct);
        return rows;
    }
}
