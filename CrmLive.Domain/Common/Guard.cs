namespace CrmLive.Domain.Common;

/// <summary>Argument checks that entities use to keep themselves valid.</summary>
public static class Guard
{
    public static string NotBlank(string? value, string name, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new DomainException($"{name} is required.");
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
            throw new DomainException($"{name} must be at most {maxLength} characters.");
        return trimmed;
    }
}

/// <summary>A business rule was broken; the message is safe to show to a user.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>The record would duplicate one already on file (same e-mail, order number…): a conflict, not a typo.</summary>
public sealed class DuplicateRecordException(string message) : DomainException(message);
