namespace CrmLive.Domain.Customers;

/// <summary>Why two customers look like one person.</summary>
public enum DuplicateReason { Email, Phone, Name }

/// <summary>
/// What makes two customer records "the same person": a shared e-mail (primary or other), a shared phone (as bare
/// digits, the same normal form search uses), or the same name written the same way apart from case and spacing.
/// </summary>
public sealed record DuplicateKeys(IReadOnlySet<string> Emails, IReadOnlySet<string> Phones, string Name)
{
    /// <summary>Shorter digit runs ("12345") are extensions and internal numbers, too common to mean the same person.</summary>
    public const int MinPhoneDigits = 7;

    public static DuplicateKeys Of(string name, IEnumerable<string?> emails, IEnumerable<string?> phones) =>
        new(emails.OfType<string>().Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).ToHashSet(),
            phones.OfType<string>().Select(ContactPoints.Digits).Where(d => d.Length >= MinPhoneDigits).ToHashSet(),
            NormalizeName(name));

    public static DuplicateKeys Of(Customer c) => Of(c.Name, [c.Email, .. c.OtherEmails], [c.Phone, .. c.OtherPhones]);

    /// <summary>Lower case, single spaces: "Ana  LIMA " and "ana lima" are the same name.</summary>
    public static string NormalizeName(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>The reasons <paramref name="other"/> looks like the same person, strongest first; empty if none.</summary>
    public IReadOnlyList<DuplicateReason> Match(DuplicateKeys other)
    {
        var reasons = new List<DuplicateReason>();
        if (Emails.Overlaps(other.Emails)) reasons.Add(DuplicateReason.Email);
        if (Phones.Overlaps(other.Phones)) reasons.Add(DuplicateReason.Phone);
        if (Name.Length > 0 && Name == other.Name && Name != Customer.ErasedName.ToLowerInvariant()) reasons.Add(DuplicateReason.Name);
        return reasons;
    }
}
