using System.Text.RegularExpressions;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Bot;

/// <summary>When a rule applies, besides its words matching.</summary>
public enum RuleCondition { Always, InsideBusinessHours, OutsideBusinessHours, KnownCustomer, AnonymousVisitor }

/// <summary>What the bot knows about the moment a message arrives, for rule conditions.</summary>
public sealed record BotContext(bool InsideBusinessHours, bool KnownCustomer)
{
    public static BotContext Default { get; } = new(InsideBusinessHours: true, KnownCustomer: false);
}

/// <summary>A pattern-matching rule. Patterns run with a time-out so a bad expression cannot stall a hub call.</summary>
public sealed class BotRule
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex _pattern;

    public BotRule(string name, string pattern, string answer, bool handOff = false,
        RuleCondition condition = RuleCondition.Always)
    {
        Name = name;
        Answer = answer;
        HandOff = handOff;
        Condition = condition;
        _pattern = Compile(pattern);
    }

    public string Name { get; }
    public string Answer { get; }
    public bool HandOff { get; }
    public RuleCondition Condition { get; }
    public string Pattern => _pattern.ToString();

    /// <summary>A rule that fires on any of these words or phrases (whole words, any case).</summary>
    public static string KeywordPattern(IEnumerable<string> keywords)
    {
        var words = keywords.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => Regex.Escape(k).Replace("\\ ", "\\s+")).ToList();
        if (words.Count == 0) throw new DomainException("Give at least one keyword or phrase.");
        return $@"\b({string.Join('|', words)})\b";
    }

    /// <summary>Checks that a pattern is a valid regular expression, with a message a manager can act on.</summary>
    public static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new DomainException($"That is not a valid regular expression: {ex.Message}");
        }
    }

    public bool Matches(string text, BotContext? context = null)
    {
        var c = context ?? BotContext.Default;
        var applies = Condition switch
        {
            RuleCondition.InsideBusinessHours => c.InsideBusinessHours,
            RuleCondition.OutsideBusinessHours => !c.InsideBusinessHours,
            RuleCondition.KnownCustomer => c.KnownCustomer,
            RuleCondition.AnonymousVisitor => !c.KnownCustomer,
            _ => true,
        };
        if (!applies) return false;
        try
        {
            return _pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
