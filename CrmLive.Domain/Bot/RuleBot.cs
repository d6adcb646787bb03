namespace CrmLive.Domain.Bot;

/// <summary>
/// The first responder: ordered rules, first match wins. Asking for a person always wins over everything else,
/// and a message the bot doesn't understand gets one request to rephrase before it hands off.
/// </summary>
public sealed class RuleBot
{
    public const string HandoffRuleName = "human";
    public const string FallbackRuleName = "fallback";

    private readonly IReadOnlyList<BotRule> _rules;

    /// <summary>"Talk to a human" and its variants: always first, never editable, always hands off.</summary>
    public static readonly BotRule Human = new(HandoffRuleName,
        @"\b(human|agent|person|operator|someone real|real person|representative|support staff)\b",
        "Sure — I'm handing you over to a member of our team. Someone will be with you shortly.",
        handOff: true);

    /// <param name="rules">Managers' rules in order; the built-in <see cref="Human"/> rule always runs before them.</param>
    public RuleBot(IReadOnlyList<BotRule> rules) =>
        _rules = [Human, .. rules.Where(r => r.Name != HandoffRuleName)];

    /// <summary>The rules a new installation starts with (managers edit them from then on).</summary>
    public static IReadOnlyList<BotRule> StarterRules { get; } =
    [
        new BotRule("greeting",
            @"^\s*(hi|hello|hey|hiya|good (morning|afternoon|evening)|bonjour|hallo|hola)\b",
            "Hi there! 👋 I'm the CrmLive assistant. Ask me about orders, delivery, returns or opening hours — or type \"agent\" to talk to a person."),
        new BotRule("opening-hours",
            @"\b(opening hours|open(ing)? times?|when are you open|business hours)\b",
            "Our support team is available Monday to Friday, 9:00–18:00 CET."),
        new BotRule("thanks",
            @"^\s*(thanks|thank you|cheers|thx)\b",
            "You're welcome! Anything else I can help with?"),
    ];

    public static RuleBot Default { get; } = new(StarterRules);

    /// <summary>
    /// Rules first; then the classifier's guess when it is confident enough and names an intent with an answer;
    /// otherwise one request to rephrase, then a handoff that carries the best guess to the team.
    /// </summary>
    /// <param name="text">The customer's message.</param>
    /// <param name="previousFallbacks">How many times the bot already failed to understand in this conversation.</param>
    /// <param name="guess">The intent classifier's best guess, if a model is active.</param>
    /// <param name="threshold">Below this confidence a guess is not trusted.</param>
    /// <param name="answers">Answers by intent name.</param>
    /// <param name="context">Business hours and whether the customer is known, for rule conditions.</param>
    public BotReply Reply(string text, int previousFallbacks, IntentGuess? guess = null, float threshold = 0.5f,
        IReadOnlyDictionary<string, IntentAnswer>? answers = null, BotContext? context = null)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(text, context))
                return new BotReply(rule.Answer, rule.Name, rule.HandOff, rule.HandOff ? "Customer asked for a human" : null,
                    guess);
        }

        if (guess is { Intent: not IntentGuess.OutOfScope } g && g.Confidence >= threshold
            && answers?.TryGetValue(g.Intent, out var answer) == true)
        {
            var handOff = answer.Action == IntentAction.HandOff;
            return new BotReply(answer.Answer, $"intent:{g.Intent}", handOff,
                handOff ? $"Intent {g.Intent} goes to the team" : null, g, answer.Action);
        }

        var why = guess is null ? "Bot did not understand" : $"Bot did not understand (best guess: {guess})";
        return previousFallbacks == 0
            ? new BotReply("Sorry, I didn't quite get that. Could you rephrase? You can also type \"agent\" to talk to a person.",
                FallbackRuleName, HandOff: false, Guess: guess)
            : new BotReply("I'm not sure I can help with that, so I'm passing you to a member of our team.",
                FallbackRuleName, HandOff: true, HandoffReason: why, Guess: guess);
    }
}
