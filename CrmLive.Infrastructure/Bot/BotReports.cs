using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Bot;

public sealed record BotReport(
    int Conversations,
    int Contained,
    IReadOnlyList<ReasonCount> HandoffReasons,
    IReadOnlyList<RuleVolume> Volume,
    IReadOnlyList<UnmatchedMessage> Unmatched)
{
    /// <summary>Share of the bot's conversations that never needed a person; null when there were none.</summary>
    public double? ContainmentRate => Conversations == 0 ? null : (double)Contained / Conversations;
}

public sealed record ReasonCount(string Reason, int Count);

public sealed record RuleVolume(string Rule, int Messages, int HandOffs);

public sealed record UnmatchedMessage(Guid ConversationId, string Text, string? BestGuess, float? Confidence, DateTimeOffset At);

/// <summary>
/// How the bot is doing over a period. Containment: conversations the bot answered that never reached a person
/// (no handoff, no agent reply). Unmatched: messages no rule or confident intent answered.
/// </summary>
public sealed class BotReports(IDbContextFactory<CrmDbContext> dbFactory)
{
    public async Task<BotReport> ForAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decisions = db.BotDecisions.AsNoTracking().Where(d => d.At >= from && d.At < to);
        var botConversations = db.Conversations.AsNoTracking()
            .Where(c => decisions.Any(d => d.ConversationId == c.Id));
        var total = await botConversations.CountAsync(ct);
        var contained = await botConversations.CountAsync(c => c.HandedOffAt == null && c.FirstAgentReplyAt == null, ct);

        var reasons = await botConversations
            .Where(c => c.HandedOffAt != null && c.HandoffReason != null)
            .GroupBy(c => c.HandoffReason!)
            .Select(g => new { Reason = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        // "Bot did not understand (best guess: …)" and its variants count as one reason.
        var grouped = reasons
            .GroupBy(r => r.Reason.Split(" (")[0])
            .Select(g => new ReasonCount(g.Key, g.Sum(r => r.Count)))
            .OrderByDescending(r => r.Count)
            .ToList();

        var volume = await decisions
            .GroupBy(d => d.Rule)
            .Select(g => new { Rule = g.Key, Messages = g.Count(), HandOffs = g.Count(d => d.HandOff) })
            .OrderByDescending(v => v.Messages)
            .ToListAsync(ct);

        var unmatched = await decisions.Where(d => !d.Understood)
            .OrderByDescending(d => d.Id)
            .Take(50)
            .Select(d => new UnmatchedMessage(d.ConversationId, d.Text, d.Intent, d.Confidence, d.At))
            .ToListAsync(ct);

        return new BotReport(total, contained, grouped,
            [.. volume.Select(v => new RuleVolume(v.Rule, v.Messages, v.HandOffs))], unmatched);
    }
}
