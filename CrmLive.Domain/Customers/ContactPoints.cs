using System.Net.Mail;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Customers;

/// <summary>Validation and normal form of e-mail addresses and phone numbers.</summary>
public static class ContactPoints
{
    public const int MaxOthers = 10;

    public static string? Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        var trimmed = email.Trim().ToLowerInvariant();
        if (trimmed.Length > 254 || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed
            || !trimmed.Contains('.', StringComparison.Ordinal))
            throw new DomainException($"'{Shorten(email)}' is not an e-mail address.");
        return trimmed;
    }

    /// <summary>Keeps the number as written (people recognise their own format), but it must hold 5–15 digits.</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var trimmed = phone.Trim();
        var digits = Digits(trimmed);
        if (trimmed.Length > 40 || digits.Length is < 5 or > 15
            || trimmed.Any(ch => !char.IsAsciiDigit(ch) && !" +-().".Contains(ch)))
            throw new DomainException($"'{Shorten(phone)}' is not a phone number (5 to 15 digits, spaces, + - ( ) allowed).");
        return trimmed;
    }

    public static List<string> Emails(IEnumerable<string> emails) => Many(emails, Email, "e-mail addresses");

    public static List<string> Phones(IEnumerable<string> phones) => Many(phones, Phone, "phone numbers");

    public static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());

    private static List<string> Many(IEnumerable<string> values, Func<string?, string?> normalize, string what)
    {
        var list = values.Select(normalize).OfType<string>().Distinct().ToList();
        if (list.Count > MaxOthers) throw new DomainException($"At most {MaxOthers} other {what}.");
        return list;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
