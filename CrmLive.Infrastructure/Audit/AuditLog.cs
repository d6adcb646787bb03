using CrmLive.Domain.Audit;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Audit;

public sealed record AuditLine(DateTimeOffset At, string ActorName, string? IpAddress, string Action, string Target, string? Detail);

/// <summary>What an Admin narrows the audit log to; every part is optional.</summary>
public sealed record AuditFilter(string? Action = null, string? Actor = null, string? Text = null, DateTimeOffset? From = null,
    DateTimeOffset? To = null);

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

    public const int MaxPage = 500;

    /// <summary>
    /// Entries matching the filter, newest first, one page at a time. Actor and text match case-insensitively
    /// anywhere in the name, address, target or detail.
    /// </summary>
    public async Task<IReadOnlyList<AuditLine>> SearchAsync(AuditFilter filter, int skip = 0, int take = 100,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(e => e.Action == filter.Action);
        if (filter.From is { } from) query = query.Where(e => e.At >= from);
        if (filter.To is { } to) query = query.Where(e => e.At < to);
        if (filter.Actor?.Trim().ToLowerInvariant() is { Length: > 0 } actor)
            query = query.Where(e => e.ActorName.ToLower().Contains(actor) || (e.IpAddress != null && e.IpAddress.Contains(actor)));
        if (filter.Text?.Trim().ToLowerInvariant() is { Length: > 0 } text)
            query = query.Where(e => e.Target.ToLower().Contains(text) || (e.Detail != null && e.Detail.ToLower().Contains(text)));
        return await query.OrderByDescending(e => e.At).ThenBy(e => e.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPage))
            .Select(e => new AuditLine(e.At, e.ActorName, e.IpAddress, e.Action, e.Target, e.Detail)).ToListAsync(ct);
    }

    public Task<IReadOnlyList<AuditLine>> RecentAsync(string? action = null, int take = 200, CancellationToken ct = default) =>
        SearchAsync(new AuditFilter(action), 0, take, ct);
}
