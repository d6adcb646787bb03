using System.Collections.Concurrent;
using CrmLive.Domain.Live;

namespace CrmLive.Infrastructure.Live;

/// <summary>Who of the staff has the app open right now.</summary>
public interface IPresenceTracker
{
    Task ConnectedAsync(string userId, bool isAgent);
    Task DisconnectedAsync(string userId, bool isAgent);
    int OnlineAgentCount { get; }
    bool IsOnline(string userId);
}

/// <summary>Counts open circuits per person; someone is online while at least one is open.</summary>
internal sealed class InMemoryPresenceTracker(ILiveEventBus bus) : IPresenceTracker
{
    private readonly ConcurrentDictionary<string, int> _circuits = new();
    private readonly ConcurrentDictionary<string, byte> _agents = new();

    public int OnlineAgentCount => _agents.Count;

    public bool IsOnline(string userId) => _circuits.ContainsKey(userId);

    public async Task ConnectedAsync(string userId, bool isAgent)
    {
        var count = _circuits.AddOrUpdate(userId, 1, (_, n) => n + 1);
        if (count == 1 && isAgent && _agents.TryAdd(userId, 0))
            await bus.PublishAsync(new AgentPresenceChanged(userId, true, OnlineAgentCount));
    }

    public async Task DisconnectedAsync(string userId, bool isAgent)
    {
        var count = _circuits.AddOrUpdate(userId, 0, (_, n) => Math.Max(0, n - 1));
        if (count > 0) return;
        _circuits.TryRemove(new KeyValuePair<string, int>(userId, 0));
        if (isAgent && _agents.TryRemove(userId, out _))
            await bus.PublishAsync(new AgentPresenceChanged(userId, false, OnlineAgentCount));
    }
}
