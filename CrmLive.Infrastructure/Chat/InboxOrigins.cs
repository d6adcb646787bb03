using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Chat;

/// <summary>
/// Every site any inbox allows, for the widget hub's CORS answer (which must be synchronous). Refreshed in the
/// background at most every half minute; the per-inbox decision is made again when the widget starts.
/// </summary>
public sealed class InboxOrigins(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private volatile Snapshot? _snapshot;
    private int _refreshing;

    public bool IsAllowedByAnyInbox(string origin)
    {
        var snapshot = _snapshot ?? Load();
        if (clock.GetUtcNow() - snapshot.LoadedAt > MaxAge && Interlocked.Exchange(ref _refreshing, 1) == 0)
            _ = Task.Run(() =>
            {
                try
                {
                    Load();
                }
                finally
                {
                    _refreshing = 0;
                }
            });
        var normalized = Origins.Normalize(origin);
        return normalized is not null && (snapshot.AnyOrigin || snapshot.Allowed.Contains(normalized));
    }

    /// <summary>After an inbox's sites change here: the next request reads them afresh (other instances within half a minute).</summary>
    public void Forget() => _snapshot = null;

    private Snapshot Load()
    {
        using var db = dbFactory.CreateDbContext();
        var lists = db.Inboxes.AsNoTracking().Select(i => i.AllowedOrigins).ToList();
        var allowed = lists.SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        return _snapshot = new Snapshot(allowed, allowed.Contains("*"), clock.GetUtcNow());
    }

    private sealed record Snapshot(HashSet<string> Allowed, bool AnyOrigin, DateTimeOffset LoadedAt);
}
