namespace CrmLive.Infrastructure.Redis;

/// <summary>Settings of the <c>Redis</c> section. With a connection set, instances work together through Redis.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>. Empty: a single instance.</summary>
    public string? Connection { get; set; }

    /// <summary>Prefix of every key and channel, so several deployments can share one Redis.</summary>
    public string Prefix { get; set; } = "crmlive";

    public bool Enabled => !string.IsNullOrWhiteSpace(Connection);
}
