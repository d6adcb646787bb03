using System.Text.RegularExpressions;

namespace CrmLive.Domain.Bot;

/// <summary>A pattern-matching rule. Patterns run with a time-out so a bad expression cannot stall a hub call.</summary>
public sealed class BotRule
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex _pattern;

    public BotRule(string name, string pattern, string answer, bool handOff = false)
    {
        Name = name;
        Answer = answer;
        HandOff = handOff;
        _pattern = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
    }

    public string Name { get; }
    public string Answer { get; }
    public bool HandOff { get; }

    public bool Matches(string text)
    {
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
