namespace CrmLive.Domain.Bot;

/// <summary>What the bot says back, and whether the conversation now goes to a human.</summary>
/// <param name="Guess">The classifier's best guess, kept for the handoff and for reports even when unused.</param>
public sealed record BotReply(string Text, string RuleName, bool HandOff, string? HandoffReason = null,
    IntentGuess? Guess = null, IntentAction Action = IntentAction.None);

/// <summary>The intent classifier's best guess for a message, with its confidence (0–1).</summary>
public sealed record IntentGuess(string Intent, float Confidence)
{
    /// <summary>The label of messages outside everything the bot knows.</summary>
    public const string OutOfScope = "oos";

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Intent} ({Confidence * 100:0}%)");
}

/// <summary>An intent's answer and action, as the bot needs them when it recognises the intent.</summary>
public sealed record IntentAnswer(string Answer, IntentAction Action);
