using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrmLive.Web.Chat;

/// <summary>Settings of the <c>Widget:Limits</c> section: how much one visitor, or one address, may do.</summary>
public sealed class WidgetLimitsOptions
{
    public const string Section = "Widget:Limits";

    [Range(1, 100_000)] public int MessagesPerMinutePerVisitor { get; set; } = 20;
    [Range(1, 100_000)] public int MessagesPerMinutePerAddress { get; set; } = 120;
    [Range(1, 100_000)] public int ConversationsPerHourPerAddress { get; set; } = 30;
    [Range(1, 100_000)] public int NewVisitorsPerHourPerAddress { get; set; } = 200;

    /// <summary>
    /// Settings that put the per-address budgets out of reach while the limiters still run: for hosts where every
    /// visitor shares one address (the test suites and the chat benchmark on 127.0.0.1). The per-visitor budget
    /// stays unless <paramref name="perVisitorToo"/>, for a load that sends faster than any person.
    /// </summary>
    public static IEnumerable<(string Key, string Value)> OneAddressForAll(bool perVisitorToo = false)
    {
        const string outOfReach = "100000";
        if (perVisitorToo) yield return ($"{Section}:{nameof(MessagesPerMinutePerVisitor)}", outOfReach);
        yield return ($"{Section}:{nameof(MessagesPerMinutePerAddress)}", outOfReach);
        yield return ($"{Section}:{nameof(ConversationsPerHourPerAddress)}", outOfReach);
        yield return ($"{Section}:{nameof(NewVisitorsPerHourPerAddress)}", outOfReach);
    }
}

/// <summary>A message refused for now: the reason the visitor reads, and when sending again will work.</summary>
public sealed record WidgetRefusal(string Reason, TimeSpan RetryAfter);

/// <summary>
/// Keeps one browser, or one address, from flooding the team: sliding windows per visitor and per IP address (after
/// forwarded headers). Counted per instance; behind a load balancer an address may reach each instance's budget.
/// </summary>
public sealed class WidgetLimits(IOptions<WidgetLimitsOptions> options) : IDisposable
{
    public const string TooFast = "You're sending messages very quickly, so this one will go in a moment.";
    public const string TooManyConversations = "Too many new chats from your network just now; your message will go as soon as one is free.";
    public const string TooManyVisitors = "Too many new chat sessions from your network just now. Please try again later.";

    private readonly PartitionedRateLimiter<string> _messagesPerVisitor = PerKey(options.Value.MessagesPerMinutePerVisitor, TimeSpan.FromMinutes(1));
    private readonly PartitionedRateLimiter<string> _messagesPerAddress = PerKey(options.Value.MessagesPerMinutePerAddress, TimeSpan.FromMinutes(1));
    private readonly PartitionedRateLimiter<string> _conversations = PerKey(options.Value.ConversationsPerHourPerAddress, TimeSpan.FromHours(1));
    private readonly PartitionedRateLimiter<string> _visitors = PerKey(options.Value.NewVisitorsPerHourPerAddress, TimeSpan.FromHours(1));

    /// <returns>Why the message may not be sent now and when it may, or null.</returns>
    public WidgetRefusal? RefuseMessage(Guid visitorId, string address, bool startsConversation)
    {
        if ((Take(_messagesPerVisitor, visitorId.ToString("N")) ?? Take(_messagesPerAddress, address)) is { } wait)
            return new WidgetRefusal(TooFast, wait);
        return startsConversation && Take(_conversations, address) is { } later ? new WidgetRefusal(TooManyConversations, later) : null;
    }

    public string? RefuseNewVisitor(string address) => Take(_visitors, address) is null ? null : TooManyVisitors;

    /// <returns>Null when a permit was taken, else how long until the window frees one.</returns>
    private static TimeSpan? Take(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
    }

    private static PartitionedRateLimiter<string> PerKey(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            }));

    public void Dispose()
    {
        _messagesPerVisitor.Dispose();
        _messagesPerAddress.Dispose();
        _conversations.Dispose();
        _visitors.Dispose();
    }
}
