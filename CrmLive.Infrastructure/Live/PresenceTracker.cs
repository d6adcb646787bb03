using System.Collections.Concurrent;
using CrmLive.Domain.Live;

namespace CrmLive.Infrastructure.Live;

/// <summary>Who of the staff has the app open right now, across every instance.</summary>
public interface IPresenceTracker
{
    Task ConnectedAsync(string userId, bool isAgent);
    Task DisconnectedAsync(string userId, bool isAgent);
    Task<int> OnlineAgentCountAsync();

    /// <summary>Agents with at least one open circuit on any instance.</summary>
    Task<IReadOnlyCollection<string>> OnlineAgentIdsAsync();
    Task<bool> IsOnlineAsync(string userId);
}

/// <summary>One instance: counts open circuits per person; someone is online while at least one is open.</summary>
internal sealed class InMemoryPresenceTracker(ILiveEventBus bus) : IPresenceTracker
{
    private readonly ConcurrentDictionary<string, int> _circuits = new();
    private readonly ConcurrentDictionary<string, byte> _agents = new();

    public Task<int> OnlineAgentCountAsync() => Task.FromResult(_agents.Count);

    public Task<IReadOnlyCollection<string>> OnlineAgentIdsAsync() =>
        Task.FromResult<IReadOnlyCollection<string>>([.. _agents.Keys]);

    public Task<bool> IsOnlineAsync(string userId) => Task.FromResult(_circuits.ContainsKey(userId));

    public async Task ConnectedAsync(string userId, bool isAgent)
    {
        var count = _circuits.AddOrUpdate(userId, 1, (_, n) => n + 1);
        if (count == 1 && isAgent && _agents.TryAdd(userId, 0))
            await bus.PublishAsync(new AgentPresenceChanged(userId, true, _agents.Count));
    }

    public async Task DisconnectedAsync(string userId, bool isAgent)
    {
        var count = _circuits.AddOrUpdate(userId, 0, (_, n) => Math.Max(0, n - 1));
        if (count > 0) return;
        _circuits.TryRemove(new KeyValuePair<string, int>(userId, 0));
        if (isAgent && _agents.TryRemove(userId, out _))
            await bus.PublishAsync(new AgentPresenceChanged(userId, false, _agents.Count));
    }
}
