using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;

namespace CrmLive.Web.Components.Shared;

/// <summary>An address edited in one line: "street; postal code; city; country".</summary>
public static class AddressText
{
    public const string Hint = "Street; postal code; city; country (DE)";

    public static string Format(Address address) => address.IsEmpty ? ""
        : string.Join("; ", address.Street, address.PostalCode, address.City, address.Country);

    public static (string? Street, string? PostalCode, string? City, string? Country) Parse(string? text)
    {
        var parts = (text ?? "").Split(';').Select(p => p.Trim()).ToArray();
        if (parts.Length > 4) throw new DomainException("Write the address as: street; postal code; city; country.");
        string? Part(int i) => i < parts.Length && parts[i].Length > 0 ? parts[i] : null;
        return (Part(0), Part(1), Part(2), Part(3));
    }
}
