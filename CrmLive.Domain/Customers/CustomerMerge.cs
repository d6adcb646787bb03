using CrmLive.Domain.Common;

namespace CrmLive.Domain.Customers;

/// <summary>One profile field in a merge preview: both values and the one the survivor keeps.</summary>
public sealed record MergeField(string Field, string? Survivor, string? Other, string? Result)
{
    /// <summary>The other record's value fills a gap or adds to a list.</summary>
    public bool TakesFromOther => !string.IsNullOrEmpty(Other) && Result != Survivor;
}

/// <summary>
/// How two customer records become one: the survivor's non-empty values win, the other's fill its gaps, and
/// e-mails and phones are united (the other's primary becomes an "other" one) up to <see cref="ContactPoints.MaxOthers"/>.
/// </summary>
public sealed class CustomerMerge
{
    private CustomerMerge(Customer survivor, Customer other)
    {
        if (survivor.Id == other.Id) throw new DomainException("Pick two different customers to merge.");
        Email = survivor.Email ?? other.Email;
        Phone = survivor.Phone ?? other.Phone;
        (OtherEmails, DroppedEmails) = Unite(Email, [.. survivor.OtherEmails, other.Email, .. other.OtherEmails]);
        (OtherPhones, DroppedPhones) = Unite(Phone, [.. survivor.OtherPhones, other.Phone, .. other.OtherPhones],
            ContactPoints.Digits);
        Address = survivor.Address.IsEmpty ? other.Address : survivor.Address;
        Fields =
        [
            new("Name", survivor.Name, other.Name, survivor.Name),
            new("E-mail", survivor.Email, other.Email, Email),
            new("Other e-mails", Join(survivor.OtherEmails), Join(other.OtherEmails), Join(OtherEmails)),
            new("Phone", survivor.Phone, other.Phone, Phone),
            new("Other phones", Join(survivor.OtherPhones), Join(other.OtherPhones), Join(OtherPhones)),
            new("Company", survivor.CompanyName, other.CompanyName, survivor.CompanyId is null ? other.CompanyName : survivor.CompanyName),
            new("Address", Text(survivor.Address), Text(other.Address), Text(Address)),
            new("Language", survivor.Language, other.Language, survivor.Language ?? other.Language),
            new("Time zone", survivor.TimeZone, other.TimeZone, survivor.TimeZone ?? other.TimeZone),
            new("External id", survivor.ExternalId, other.ExternalId, survivor.ExternalId ?? other.ExternalId),
            new("Owner", survivor.OwnerId, other.OwnerId, survivor.OwnerId ?? other.OwnerId),
        ];
    }

    public static CustomerMerge Plan(Customer survivor, Customer other) => new(survivor, other);

    public IReadOnlyList<MergeField> Fields { get; }
    public string? Email { get; }
    public string? Phone { get; }
    public IReadOnlyList<string> OtherEmails { get; }
    public IReadOnlyList<string> OtherPhones { get; }
    public Address Address { get; }

    /// <summary>Contacts beyond the limit; the preview names them so nobody is surprised.</summary>
    public IReadOnlyList<string> DroppedEmails { get; }

    /// <inheritdoc cref="DroppedEmails"/>
    public IReadOnlyList<string> DroppedPhones { get; }

    /// <summary>Writes the plan onto the survivor. The other record's external id must be cleared first (it is unique).</summary>
    public void ApplyTo(Customer survivor, Customer other)
    {
        survivor.SetContact(Email, Phone);
        survivor.SetOtherContacts(OtherEmails, OtherPhones);
        if (survivor.CompanyId is null && other.CompanyId is not null) survivor.SetCompany(other.CompanyId, other.CompanyName);
        survivor.SetAddress(Address);
        survivor.SetLocale(survivor.Language ?? other.Language, survivor.TimeZone ?? other.TimeZone);
        if (survivor.OwnerId is null) survivor.AssignOwner(other.OwnerId);
        survivor.SeenAt(other.LastSeenAt);
    }

    private static (List<string> Kept, List<string> Dropped) Unite(string? primary, IEnumerable<string?> candidates,
        Func<string, string>? key = null)
    {
        key ??= s => s;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (primary is not null) seen.Add(key(primary));
        var unique = candidates.OfType<string>().Where(c => seen.Add(key(c))).ToList();
        return (unique.Take(ContactPoints.MaxOthers).ToList(), unique.Skip(ContactPoints.MaxOthers).ToList());
    }

    private static string? Join(IEnumerable<string> values) => values.Any() ? string.Join(", ", values) : null;

    private static string? Text(Address a) => a.IsEmpty ? null : a.ToString();
}
