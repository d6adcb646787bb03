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
}

/// <summary>
/// Keeps one browser, or one address, from flooding the team: sliding windows per visitor and per IP address (after
/// forwarded headers). Counted per instance; behind a load balancer an address may reach each instance's budget.
/// </summary>
public sealed class WidgetLimits(IOptions<WidgetLimitsOptions> options) : IDisposable
{
    public const string TooFast = "You're sending messages very quickly. Please wait a moment and try again.";
    public const string TooManyConversations = "Too many new chats from your network just now. Please try again later.";
    public const string TooManyVisitors = "Too many new chat sessions from your network just now. Please try again later.";

    private readonly PartitionedRateLimiter<string> _messagesPerVisitor = PerKey(options.Value.MessagesPerMinutePerVisitor, TimeSpan.FromMinutes(1));
    private readonly PartitionedRateLimiter<string> _messagesPerAddress = PerKey(options.Value.MessagesPerMinutePerAddress, TimeSpan.FromMinutes(1));
    private readonly PartitionedRateLimiter<string> _conversations = PerKey(options.Value.ConversationsPerHourPerAddress, TimeSpan.FromHours(1));
    private readonly PartitionedRateLimiter<string> _visitors = PerKey(options.Value.NewVisitorsPerHourPerAddress, TimeSpan.FromHours(1));

    /// <returns>Why the message may not be sent now, or null.</returns>
    public string? RefuseMessage(Guid visitorId, string address, bool startsConversation)
    {
        if (!Take(_messagesPerVisitor, visitorId.ToString("N")) || !Take(_messagesPerAddress, address)) return TooFast;
        return startsConversation && !Take(_conversations, address) ? TooManyConversations : null;
    }

    public string? RefuseNewVisitor(string address) => Take(_visitors, address) ? null : TooManyVisitors;

    private static bool Take(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
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
