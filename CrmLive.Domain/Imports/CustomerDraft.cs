using System.Globalization;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;

namespace CrmLive.Domain.Imports;

/// <summary>A field of a row that could not be read, and why (the message is the one the report shows).</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>
/// One customer row read and validated by the same rules as the forms. Blank cells mean "no value": on an
/// update they leave what is on file alone, so a partial spreadsheet never erases data.
/// </summary>
public sealed class CustomerDraft
{
    public string? Name { get; private init; }
    public string? Email { get; private init; }
    public string? Phone { get; private init; }
    public IReadOnlyList<string>? OtherEmails { get; private init; }
    public IReadOnlyList<string>? OtherPhones { get; private init; }
    public string? CompanyName { get; private init; }
    public string? ExternalId { get; private init; }
    public IReadOnlyList<string> Tags { get; private init; } = [];
    public string? Language { get; private init; }
    public string? TimeZone { get; private init; }
    public LifecycleStage? Stage { get; private init; }
    public string? OwnerEmail { get; private init; }
    public Address? Address { get; private init; }
    public bool? MarketingConsent { get; private init; }
    public bool? ChatConsent { get; private init; }
    public DateTimeOffset? CreatedAt { get; private init; }
    public IReadOnlyDictionary<Guid, AttributeValue> Attributes { get; private init; } = new Dictionary<Guid, AttributeValue>();

    /// <summary>Reads a row through <paramref name="cell"/> (a field key → the mapped cell, null when unmapped).</summary>
    public static (CustomerDraft? Draft, IReadOnlyList<FieldProblem> Problems) Read(Func<string, string?> cell,
        IReadOnlyList<CustomAttributeDefinition> attributes)
    {
        var problems = new List<FieldProblem>();
        T? Try<T>(string field, Func<T?> read)
        {
            try { return read(); }
            catch (DomainException ex) { problems.Add(new FieldProblem(field, ex.Message)); return default; }
        }
        string? Text(string field) => Blank(cell(field));

        var name = Text("name") ?? Blank(string.Join(' ', new[] { Text("first_name"), Text("last_name") }.Where(p => p is not null)));
        if (name is null) problems.Add(new FieldProblem("name", "Name is required."));
        else if (name.Length > 200) problems.Add(new FieldProblem("name", "Name must be at most 200 characters."));

        var street = Text("street"); var city = Text("city"); var postal = Text("postal_code"); var country = Text("country");
        var attributeValues = new Dictionary<Guid, AttributeValue>();
        foreach (var definition in attributes)
        {
            var raw = cell(ImportFields.AttributeTarget(definition.Key));
            if (raw is null) continue; // unmapped: a required field is not demanded of a file that doesn't carry it
            var value = Try(ImportFields.AttributeTarget(definition.Key), () => (AttributeValue?)definition.Parse(raw));
            if (value is { IsEmpty: false } v) attributeValues[definition.Id] = v;
        }

        var draft = new CustomerDraft
        {
            Name = name,
            Email = Try("email", () => ContactPoints.Email(Text("email"))),
            Phone = Try("phone", () => ContactPoints.Phone(Text("phone"))),
            OtherEmails = Text("other_emails") is { } oe ? Try("other_emails", () => ContactPoints.Emails(Split(oe))) : null,
            OtherPhones = Text("other_phones") is { } op ? Try("other_phones", () => ContactPoints.Phones(Split(op))) : null,
            CompanyName = Try("company", () => Text("company") is { } c ? Guard.NotBlank(c, "Company", 200) : null),
            ExternalId = Try("external_id", () => Text("external_id") is { } x ? Guard.NotBlank(x, "External id", 100) : null),
            Tags = Try("tags", () => Text("tags") is { } t ? Split(t).Select(RecordTag.Normalize).Distinct().ToList() : []) ?? [],
            Language = Try("language", () => Locale.Language(Text("language"))),
            TimeZone = Try("time_zone", () => Locale.TimeZone(Text("time_zone"))),
            Stage = Try("stage", () => Text("stage") is { } s ? ParseEnum<LifecycleStage>(s, "Lifecycle stage") : (LifecycleStage?)null),
            OwnerEmail = Try("owner_email", () => ContactPoints.Email(Text("owner_email"))),
            Address = (street ?? city ?? postal ?? country) is null ? null
                : Try("street", () => Customers.Address.Create(street, city, postal, country)),
            MarketingConsent = Try("marketing_consent", () => Text("marketing_consent") is { } m ? ParseBool(m, "Marketing e-mail consent") : (bool?)null),
            ChatConsent = Try("chat_consent", () => Text("chat_consent") is { } p ? ParseBool(p, "Proactive chat consent") : (bool?)null),
            CreatedAt = Try("created_at", () => Text("created_at") is { } d ? ParseDate(d, "Customer since") : (DateTimeOffset?)null),
            Attributes = attributeValues,
        };
        return (problems.Count == 0 ? draft : null, problems);
    }

    /// <summary>A new customer from this row.</summary>
    public Customer Create(Guid? companyId, string? companyName, string? ownerId, DateTimeOffset now)
    {
        var customer = new Customer(Name!, Email, Phone, companyId, CreatedAt ?? now, companyName);
        Apply(customer, companyId, companyName, ownerId, now, creating: true);
        return customer;
    }

    /// <summary>Fills the existing customer from the row's non-blank cells.</summary>
    public void Update(Customer customer, Guid? companyId, string? companyName, string? ownerId, DateTimeOffset now)
    {
        if (Name is not null) customer.Rename(Name);
        if (Email is not null || Phone is not null) customer.SetContact(Email ?? customer.Email, Phone ?? customer.Phone);
        Apply(customer, companyId, companyName, ownerId, now, creating: false);
    }

    private void Apply(Customer customer, Guid? companyId, string? companyName, string? ownerId, DateTimeOffset now, bool creating)
    {
        if (OtherEmails is not null || OtherPhones is not null)
            customer.SetOtherContacts(OtherEmails ?? customer.OtherEmails, OtherPhones ?? customer.OtherPhones);
        if (!creating && companyId is not null) customer.SetCompany(companyId, companyName);
        if (ExternalId is not null) customer.SetExternalId(ExternalId);
        if (Language is not null || TimeZone is not null)
            customer.SetLocale(Language ?? customer.Language, TimeZone ?? customer.TimeZone);
        if (Stage is { } stage) customer.MoveToStage(stage);
        if (ownerId is not null) customer.AssignOwner(ownerId);
        if (Address is { } address) customer.SetAddress(address);
        if (MarketingConsent is not null || ChatConsent is not null)
            customer.SetConsent(MarketingConsent ?? customer.MarketingEmailConsent, ChatConsent ?? customer.ProactiveChatConsent, now);
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Lists inside a cell: "a; b", "a | b" or "a, b".</summary>
    internal static IEnumerable<string> Split(string cell) =>
        cell.Split(cell.Contains(';') ? ';' : cell.Contains('|') ? '|' : ',',
            StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    internal static T ParseEnum<T>(string text, string label) where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace(" ", ""), ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw new DomainException($"{label} must be one of: {string.Join(", ", Enum.GetNames<T>())} (found \"{Short(text)}\").");

    internal static bool ParseBool(string text, string label) => text.Trim().ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "1" or "x" or "ja" or "oui" or "si" or "sí" => true,
        "no" or "n" or "false" or "0" or "nein" or "non" => false,
        _ => throw new DomainException($"{label} must be yes or no (found \"{Short(text)}\")."),
    };

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ssK",
         "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "dd.MM.yyyy", "dd/MM/yyyy", "yyyy/MM/dd"];

    /// <summary>ISO dates (with or without time and offset) and the day-first forms spreadsheets write; UTC unless an offset says otherwise.</summary>
    internal static DateTimeOffset ParseDate(string text, string label) =>
        DateTimeOffset.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new DomainException($"{label} must be a date like 2026-11-23 or 2026-11-23 14:30 (found \"{Short(text)}\").");

    internal static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
