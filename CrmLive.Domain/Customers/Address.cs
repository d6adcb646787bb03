using CrmLive.Domain.Common;

namespace CrmLive.Domain.Customers;

/// <summary>A postal address; every part is optional, the country is an ISO 3166 two-letter code.</summary>
public sealed record Address(string? Street, string? City, string? PostalCode, string? Country)
{
    public static readonly Address None = new(null, null, null, null);

    public static Address Create(string? street, string? city, string? postalCode, string? country)
    {
        var code = Clean(country, "Country", 2)?.ToUpperInvariant();
        if (code is not null && (code.Length != 2 || !code.All(char.IsAsciiLetter)))
            throw new DomainException("Country is a two-letter code like DE or GB.");
        return new Address(Clean(street, "Street", 200), Clean(city, "City", 100), Clean(postalCode, "Postal code", 20), code);
    }

    public bool IsEmpty => Street is null && City is null && PostalCode is null && Country is null;

    public override string ToString() =>
        string.Join(", ", new[] { Street, string.Join(' ', new[] { PostalCode, City }.OfType<string>()), Country }
            .Where(p => !string.IsNullOrEmpty(p)));

    private static string? Clean(string? value, string name, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : Guard.NotBlank(value, name, max);
}
