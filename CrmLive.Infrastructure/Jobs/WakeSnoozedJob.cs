using CrmLive.Infrastructure.Chat;
using Hangfire;

namespace CrmLive.Infrastructure.Jobs;

/// <summary>Every minute: snoozed conversations whose time has come go back to their agent (or the queue).</summary>
public sealed class WakeSnoozedJob(ConversationService chat)
{
    public const string JobId = "wake-snoozed";

    // Two servers picking up the same minute would only both find nothing left to wake; skip the overlap anyway.
    [DisableConcurrentExecution(timeoutInSeconds: 50)]
    [AutomaticRetry(Attempts = 0)] // the next minute is the retry
    public Task<int> RunAsync(CancellationToken ct) => chat.WakeSnoozedAsync(ct);
}
