namespace CrmLive.Domain.Bot;

/// <summary>
/// What the bot made of one customer message: which rule or intent answered (or none), how sure it was, and
/// whether it handed off. Kept for the bot's reports (containment, handoff reasons, unmatched messages).
/// </summary>
public sealed class BotDecision
{
    public const int MaxTextLength = 500;

    private BotDecision() { }

    public BotDecision(Guid conversationId, long seq, string text, BotReply reply, DateTimeOffset at)
    {
        ConversationId = conversationId;
        Seq = seq;
        Text = text.Length > MaxTextLength ? text[..MaxTextLength] : text;
        Rule = reply.RuleName.Length > 80 ? reply.RuleName[..80] : reply.RuleName;
        Intent = reply.Guess?.Intent;
        Confidence = reply.Guess?.Confidence;
        Understood = reply.RuleName != RuleBot.FallbackRuleName;
        HandOff = reply.HandOff;
        At = at;
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public long Seq { get; private set; }
    public string Text { get; private set; } = "";
    public string Rule { get; private set; } = "";
    /// <summary>The classifier's best guess, whether or not it was used.</summary>
    public string? Intent { get; private set; }
    public float? Confidence { get; private set; }
    public bool Understood { get; private set; }
    public bool HandOff { get; private set; }
    public DateTimeOffset At { get; private set; }
}
