using System.Collections.Concurrent;
using CrmLive.Domain.Live;

namespace CrmLive.Infrastructure.Live;

/// <summary>Who of the staff has the app open right now, across every instance.</summary>
public interface IPresenceTracker
{
    Task ConnectedAsync(string userId, bool isAgent);
    Task DisconnectedAsync(string userId, bool isAgent);
    Task<int> OnlineAgentCountAsync();

    /// <summary>Agents with at least one open circuit on any instance who have not set themselves away.</summary>
    Task<IReadOnlyCollection<string>> OnlineAgentIdsAsync();
    Task<bool> IsOnlineAsync(string userId);

    /// <summary>
    /// An agent's own choice: away keeps them signed in but out of automatic assignment. Remembered until they
    /// change it, like the availability switch of any team inbox.
    /// </summary>
    Task SetAwayAsync(string userId, bool away);

    /// <summary>Everyone connected (tabs on any instance), online or away; whoever is missing is offline.</summary>
    Task<IReadOnlyDictionary<string, PresenceStatus>> StatusesAsync();
}

public enum PresenceStatus { Offline, Away, Online }

/// <summary>One instance: counts open circuits per person; someone is online while at least one is open.</summary>
internal sealed class InMemoryPresenceTracker(ILiveEventBus bus) : IPresenceTracker
{
    private readonly ConcurrentDictionary<string, int> _circuits = new();
    private readonly ConcurrentDictionary<string, byte> _agents = new();
    private readonly ConcurrentDictionary<string, byte> _away = new();

    public Task<int> OnlineAgentCountAsync() => Task.FromResult(_agents.Keys.Count(a => !_away.ContainsKey(a)));

    public Task<IReadOnlyCollection<string>> OnlineAgentIdsAsync() =>
        Task.FromResult<IReadOnlyCollection<string>>([.. _agents.Keys.Where(a => !_away.ContainsKey(a))]);

    public async Task SetAwayAsync(string userId, bool away)
    {
        var changed = away ? _away.TryAdd(userId, 0) : _away.TryRemove(userId, out _);
        if (changed && _circuits.ContainsKey(userId))
            await bus.PublishAsync(new AgentPresenceChanged(userId, !away, await OnlineAgentCountAsync()));
    }

    public Task<IReadOnlyDictionary<string, PresenceStatus>> StatusesAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, PresenceStatus>>(_circuits.Keys.ToDictionary(u => u,
            u => _away.ContainsKey(u) ? PresenceStatus.Away : PresenceStatus.Online));

    public Task<bool> IsOnlineAsync(string userId) => Task.FromResult(_circuits.ContainsKey(userId));

    public async Task ConnectedAsync(string userId, bool isAgent)
    {
        var count = _circuits.AddOrUpdate(userId, 1, (_, n) => n + 1);
        if (count == 1 && isAgent && _agents.TryAdd(userId, 0))
            await bus.PublishAsync(new AgentPresenceChanged(userId, !_away.ContainsKey(userId), await OnlineAgentCountAsync()));
    }

    public async Task DisconnectedAsync(string userId, bool isAgent)
    {
        var count = _circuits.AddOrUpdate(userId, 0, (_, n) => Math.Max(0, n - 1));
        if (count > 0) return;
        _circuits.TryRemove(new KeyValuePair<string, int>(userId, 0));
        if (isAgent && _agents.TryRemove(userId, out _))
            await bus.PublishAsync(new AgentPresenceChanged(userId, false, await OnlineAgentCountAsync()));
    }
}

/// <summary>The presence key of a widget visitor: online while any of their tabs is connected, on any instance.</summary>
public static class VisitorPresence
{
    public static string Key(Guid visitorId) => $"visitor:{visitorId:N}";
}
