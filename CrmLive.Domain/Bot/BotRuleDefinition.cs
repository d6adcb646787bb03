using CrmLive.Domain.Common;

namespace CrmLive.Domain.Bot;

public enum RuleMatch { Keywords, Regex }

/// <summary>
/// A rule managers keep: keywords (any of them, whole words) or a regular expression, an answer, an optional
/// handoff, and a condition (business hours, known customer). Rules run in <see cref="Position"/> order, after the
/// built-in "talk to a human" rule and before the intent classifier.
/// </summary>
public sealed class BotRuleDefinition : Entity
{
    public const int MaxPatternLength = 1000;

    private BotRuleDefinition() { }

    public BotRuleDefinition(string name, RuleMatch match, string pattern, string answer, bool handOff,
        RuleCondition condition, int position, DateTimeOffset createdAt)
    {
        Edit(name, match, pattern, answer, handOff, condition);
        Position = position;
        CreatedAt = createdAt;
        Enabled = true;
    }

    public string Name { get; private set; } = "";
    public RuleMatch Match { get; private set; }
    public string Pattern { get; private set; } = "";
    public string Answer { get; private set; } = "";
    public bool HandOff { get; private set; }
    public RuleCondition Condition { get; private set; }
    public int Position { get; private set; }
    public bool Enabled { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public void Edit(string name, RuleMatch match, string pattern, string answer, bool handOff, RuleCondition condition)
    {
        var key = Intent.NormalizeName(name);
        if (key == RuleBot.HandoffRuleName || key == RuleBot.FallbackRuleName)
            throw new DomainException($"'{key}' is the name of a built-in rule; pick another.");
        Name = key;
        Match = match;
        Pattern = Guard.NotBlank(pattern, match == RuleMatch.Keywords ? "Keywords" : "Pattern", MaxPatternLength);
        Answer = Guard.NotBlank(answer, "Answer", Intent.MaxAnswerLength);
        HandOff = handOff;
        Condition = condition;
        _ = ToRule(); // refuse a pattern that doesn't compile now, not when a customer writes
    }

    public void MoveTo(int position) => Position = position;

    public void SetEnabled(bool enabled) => Enabled = enabled;

    public BotRule ToRule() => new(Name,
        Match == RuleMatch.Keywords ? BotRule.KeywordPattern(Pattern.Split([',', '\n'])) : Pattern,
        Answer, HandOff, Condition);
}
