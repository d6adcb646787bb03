using System.Text.RegularExpressions;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Bot;

/// <summary>What the bot does besides answering when it recognises an intent.</summary>
public enum IntentAction
{
    None,
    /// <summary>Looks up the customer's last order and tells them where it stands (known customers only).</summary>
    LastOrder,
    /// <summary>Opens a ticket for the customer from the conversation.</summary>
    OpenTicket,
    /// <summary>Answers, then hands the conversation to the team.</summary>
    HandOff,
}

/// <summary>Something customers want ("where is my order"), learnt from example utterances, with the bot's answer.</summary>
public sealed partial class Intent : Entity
{
    public const int MaxNameLength = 64;
    public const int MaxAnswerLength = 4000;

    private Intent() { }

    public Intent(string name, string answer, IntentAction action, DateTimeOffset createdAt)
    {
        Name = NormalizeName(name);
        Edit(answer, action);
        CreatedAt = createdAt;
    }

    /// <summary>A stable key such as <c>order_status</c>: the label in training data and CSV files.</summary>
    public string Name { get; private set; } = "";
    public string Answer { get; private set; } = "";
    public IntentAction Action { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public void Edit(string answer, IntentAction action)
    {
        Answer = Guard.NotBlank(answer, "Answer", MaxAnswerLength);
        Action = action;
    }

    public void Rename(string name) => Name = NormalizeName(name);

    /// <summary>Lower-case letters, digits and underscores, so names survive CSV round-trips unchanged.</summary>
    public static string NormalizeName(string? name)
    {
        var key = NonKey().Replace((name ?? "").Trim().ToLowerInvariant(), "_").Trim('_');
        if (key.Length == 0) throw new DomainException("An intent needs a name of letters or digits (like order_status).");
        if (key.Length > MaxNameLength) throw new DomainException($"An intent name can be at most {MaxNameLength} characters.");
        return key;
    }

    [GeneratedRegex(@"[^a-z0-9]+", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex NonKey();
}

public enum ExampleSource { Seed, Manager, Import, AgentLabel }

/// <summary>One way a customer says an intent; the classifier is trained on these.</summary>
public sealed class IntentExample
{
    public const int MaxTextLength = 500;

    private IntentExample() { }

    public IntentExample(Guid intentId, string text, ExampleSource source, DateTimeOffset createdAt)
    {
        IntentId = intentId;
        Text = Guard.NotBlank(text, "Example", MaxTextLength);
        Source = source;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public Guid IntentId { get; private set; }
    public string Text { get; private set; } = "";
    public ExampleSource Source { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
