using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Live;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace CrmLive.Infrastructure.Redis;

/// <summary>
/// Presence across instances. Each instance keeps its own hash of open circuits per person in Redis, with a
/// time-to-live it keeps refreshing; an instance that dies stops refreshing and its people drop off on their own.
/// </summary>
internal sealed class RedisPresenceTracker(IConnectionMultiplexer redis, string prefix, ILiveEventBus bus)
    : IPresenceTracker, IHostedService, IDisposable
{
    public static readonly TimeSpan InstanceTtl = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    private readonly RedisKey _instances = $"{prefix}:presence:instances";
    private readonly RedisKey _agents = $"{prefix}:presence:agents";
    private readonly RedisKey _away = $"{prefix}:presence:away";
    private Timer? _heartbeat;

    private RedisKey Circuits(string instanceId) => $"{prefix}:presence:circuits:{instanceId}";

    private IDatabase Db => redis.GetDatabase();

    public async Task ConnectedAsync(string userId, bool isAgent)
    {
        var mine = Circuits(bus.InstanceId);
        var tx = Db.CreateTransaction();
        _ = tx.HashIncrementAsync(mine, userId);
        _ = tx.KeyExpireAsync(mine, InstanceTtl);
        _ = tx.SetAddAsync(_instances, bus.InstanceId);
        if (isAgent) _ = tx.SetAddAsync(_agents, userId);
        await tx.ExecuteAsync();
        if (isAgent)
            await bus.PublishAsync(new AgentPresenceChanged(userId, !await Db.SetContainsAsync(_away, userId),
                await OnlineAgentCountAsync()));
    }

    public async Task DisconnectedAsync(string userId, bool isAgent)
    {
        var mine = Circuits(bus.InstanceId);
        if (await Db.HashDecrementAsync(mine, userId) <= 0) await Db.HashDeleteAsync(mine, userId);
        if (isAgent) await bus.PublishAsync(new AgentPresenceChanged(userId, false, await OnlineAgentCountAsync()));
    }

    public async Task<int> OnlineAgentCountAsync() => (await OnlineAgentIdsAsync()).Count;

    public async Task<IReadOnlyCollection<string>> OnlineAgentIdsAsync()
    {
        var online = await OnlineUsersAsync();
        var agents = (await Db.SetMembersAsync(_agents)).Select(a => a.ToString()).ToHashSet();
        var away = (await Db.SetMembersAsync(_away)).Select(a => a.ToString()).ToHashSet();
        return [.. online.Where(u => agents.Contains(u) && !away.Contains(u))];
    }

    public async Task SetAwayAsync(string userId, bool away)
    {
        var changed = away ? await Db.SetAddAsync(_away, userId) : await Db.SetRemoveAsync(_away, userId);
        if (changed && await IsOnlineAsync(userId))
            await bus.PublishAsync(new AgentPresenceChanged(userId, !away, await OnlineAgentCountAsync()));
    }

    public async Task<IReadOnlyDictionary<string, PresenceStatus>> StatusesAsync()
    {
        var online = await OnlineUsersAsync();
        var away = (await Db.SetMembersAsync(_away)).Select(a => a.ToString()).ToHashSet();
        return online.ToDictionary(u => u, u => away.Contains(u) ? PresenceStatus.Away : PresenceStatus.Online);
    }

    public async Task<bool> IsOnlineAsync(string userId) => (await OnlineUsersAsync()).Contains(userId);

    private async Task<HashSet<string>> OnlineUsersAsync()
    {
        var users = new HashSet<string>();
        foreach (var instance in await Db.SetMembersAsync(_instances))
        {
            var circuits = await Db.HashGetAllAsync(Circuits(instance!));
            if (circuits.Length == 0 && !await Db.KeyExistsAsync(Circuits(instance!)))
                await Db.SetRemoveAsync(_instances, instance); // that instance is gone
            users.UnionWith(circuits.Where(c => (long)c.Value > 0).Select(c => c.Name.ToString()));
        }
        return users;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _heartbeat = new Timer(_ => _ = Db.KeyExpireAsync(Circuits(bus.InstanceId), InstanceTtl), null, Heartbeat, Heartbeat);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_heartbeat is not null) await _heartbeat.DisposeAsync();
        // A clean shutdown takes its people offline at once instead of waiting for the time-to-live.
        await Db.KeyDeleteAsync(Circuits(bus.InstanceId));
    }

    public void Dispose() => _heartbeat?.Dispose();
}
