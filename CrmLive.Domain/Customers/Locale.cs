using System.Globalization;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Customers;

/// <summary>Checks a language tag (en, de-AT) and an IANA time zone (Europe/Berlin).</summary>
public static class Locale
{
    public static string? Language(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var trimmed = tag.Trim();
        try
        {
            var culture = CultureInfo.GetCultureInfo(trimmed, predefinedOnly: true);
            return culture.Name;
        }
        catch (CultureNotFoundException)
        {
            throw new DomainException($"'{trimmed}' is not a language tag like en or de-AT.");
        }
    }

    public static string? TimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        var trimmed = id.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out _))
            throw new DomainException($"'{trimmed}' is not a time zone like Europe/Berlin.");
        return trimmed;
    }
}
