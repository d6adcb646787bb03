using System.Globalization;
using System.Text.RegularExpressions;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Customers.Attributes;

public enum AttributeType { Text, Number, Date, Choice }

public enum AttributeTarget { Customer, Company }

/// <summary>A field a manager added to customers or companies ("Plan", "Seats", "Renewal date").</summary>
public sealed partial class CustomAttributeDefinition : Entity
{
    public const int MaxTextLength = 500;
    public const int MaxChoices = 50;

    private CustomAttributeDefinition() { }

    public CustomAttributeDefinition(AttributeTarget target, string label, AttributeType type,
        IEnumerable<string>? choices, bool required, int position)
    {
        Target = target;
        Type = type;
        Key = KeyFor(label);
        Edit(label, choices, required, position);
    }

    public AttributeTarget Target { get; private set; }

    /// <summary>Stable machine name (import column, API field), derived once from the first label.</summary>
    public string Key { get; private set; } = "";

    public string Label { get; private set; } = "";
    public AttributeType Type { get; private set; }
    public List<string> Choices { get; private set; } = [];
    public bool Required { get; private set; }
    public int Position { get; private set; }

    public void Edit(string label, IEnumerable<string>? choices, bool required, int position)
    {
        Label = Guard.NotBlank(label, "Label", 60);
        var list = (choices ?? []).Select(c => c.Trim()).Where(c => c.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (Type == AttributeType.Choice && list.Count == 0)
            throw new DomainException("A choice field needs at least one choice.");
        if (list.Count > MaxChoices) throw new DomainException($"At most {MaxChoices} choices.");
        if (list.Any(c => c.Length > 100)) throw new DomainException("A choice can be at most 100 characters.");
        Choices = Type == AttributeType.Choice ? list : [];
        Required = required;
        Position = position;
    }

    /// <summary>
    /// Reads what a person typed (invariant culture: 1234.5, 2026-11-23) into the typed value, or says what is wrong.
    /// Blank is "no value", refused only when the field is required.
    /// </summary>
    public AttributeValue Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            if (Required) throw new DomainException($"{Label} is required.");
            return AttributeValue.Empty;
        }
        var text = input.Trim();
        switch (Type)
        {
            case AttributeType.Number:
                if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                    throw new DomainException($"{Label} must be a number like 1234.5.");
                return new AttributeValue(null, number, null);
            case AttributeType.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    throw new DomainException($"{Label} must be a date like 2026-11-23.");
                return new AttributeValue(null, null, date);
            case AttributeType.Choice:
                var choice = Choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase))
                    ?? throw new DomainException($"{Label} must be one of: {string.Join(", ", Choices)}.");
                return new AttributeValue(choice, null, null);
            default:
                if (text.Length > MaxTextLength)
                    throw new DomainException($"{Label} must be at most {MaxTextLength} characters.");
                return new AttributeValue(text, null, null);
        }
    }

    public static string KeyFor(string label)
    {
        var key = string.Join('_', KeyWords().Matches(label.ToLowerInvariant()).Select(m => m.Value));
        if (key.Length == 0) throw new DomainException("A field's label needs at least one letter or digit.");
        return key.Length > 40 ? key[..40] : key;
    }

    [GeneratedRegex("[a-z0-9]+", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex KeyWords();
}
