using System.Text;

namespace CrmLive.Domain.Imports;

/// <summary>A field a CSV column can fill; <paramref name="Synonyms"/> are header spellings that mean it.</summary>
public sealed record ImportField(string Key, string Label, bool Required, params string[] Synonyms);

/// <summary>
/// Which CSV column fills which field, chosen in the mapping step: one target per column (null: ignored), the
/// key that recognises a record already on file, and what to do with such a row.
/// </summary>
public sealed record ImportMapping(
    IReadOnlyList<string?> Targets,
    DuplicateKey DedupeBy = DuplicateKey.Email,
    DuplicateHandling Duplicates = DuplicateHandling.Update);

public enum DuplicateKey { Email, ExternalId }

/// <summary>The fields of each kind of import, and the guess that maps a file's headers onto them.</summary>
public static class ImportFields
{
    public const string AttributePrefix = "attr:";

    public static readonly IReadOnlyList<ImportField> Customer =
    [
        new("name", "Name", false, "full name", "customer name", "contact name", "display name"),
        new("first_name", "First name", false, "firstname", "given name", "forename", "first"),
        new("last_name", "Last name", false, "lastname", "surname", "family name", "last"),
        new("email", "E-mail", false, "e-mail", "email address", "mail", "e-mail address", "primary email"),
        new("phone", "Phone", false, "telephone", "phone number", "mobile", "tel", "cell", "mobile phone"),
        new("other_emails", "Other e-mails", false, "secondary emails", "additional emails"),
        new("other_phones", "Other phones", false, "secondary phones", "additional phones"),
        new("company", "Company", false, "company name", "organization", "organisation", "account", "employer"),
        new("external_id", "External id", false, "external id", "id", "customer id", "customer number", "crm id", "erp id"),
        new("tags", "Tags", false, "tag", "labels"),
        new("language", "Language", false, "lang", "locale"),
        new("time_zone", "Time zone", false, "timezone", "tz"),
        new("stage", "Lifecycle stage", false, "lifecycle stage", "lifecycle", "status"),
        new("owner_email", "Owner (staff e-mail)", false, "owner", "account owner", "assigned to"),
        new("street", "Street", false, "address", "address line 1", "street address"),
        new("city", "City", false, "town"),
        new("postal_code", "Postal code", false, "zip", "zip code", "postcode", "post code"),
        new("country", "Country", false, "country code"),
        new("marketing_consent", "Marketing e-mail consent", false, "email consent", "newsletter", "marketing opt in", "opt in"),
        new("chat_consent", "Proactive chat consent", false, "chat consent"),
        new("created_at", "Customer since", false, "created", "created at", "signup date", "customer since", "joined"),
    ];

    public static readonly IReadOnlyList<ImportField> Order =
    [
        new("number", "Order number", true, "order number", "order no", "order id", "order", "number", "reference"),
        new("customer_email", "Customer e-mail", false, "email", "e-mail", "customer email", "buyer email"),
        new("customer_external_id", "Customer external id", false, "customer id", "external id", "customer number"),
        new("placed_at", "Date", true, "date", "order date", "placed", "placed at", "created", "created at"),
        new("amount", "Amount", true, "total", "amount", "order total", "value", "price", "grand total"),
        new("currency", "Currency", false, "currency code", "cur"),
        new("channel", "Channel", false, "sales channel", "source"),
        new("status", "Status", false, "order status", "state"),
        new("items", "Items", false, "products", "line items", "item names", "skus"),
        new("item_count", "Item count", false, "quantity", "qty", "items count", "number of items"),
    ];

    public static IReadOnlyList<ImportField> For(ImportKind kind) => kind == ImportKind.Customers ? Customer : Order;

    public static string AttributeTarget(string attributeKey) => AttributePrefix + attributeKey;

    /// <summary>
    /// Maps each header to the field it most plainly names: the field's key or label first, then a synonym, then a
    /// custom field's key or label. A field is used once; later columns that name it again stay unmapped.
    /// </summary>
    public static IReadOnlyList<string?> Guess(IReadOnlyList<string> headers, IReadOnlyList<ImportField> fields,
        IReadOnlyList<(string Key, string Label)>? attributes = null)
    {
        var candidates = new List<(string Target, string Spelling, int Rank)>();
        foreach (var f in fields)
        {
            candidates.Add((f.Key, Normalize(f.Key), 0));
            candidates.Add((f.Key, Normalize(f.Label), 0));
            candidates.AddRange(f.Synonyms.Select(s => (f.Key, Normalize(s), 1)));
        }
        foreach (var (key, label) in attributes ?? [])
        {
            candidates.Add((AttributeTarget(key), Normalize(key), 0));
            candidates.Add((AttributeTarget(key), Normalize(label), 0));
        }

        var result = new string?[headers.Count];
        var used = new HashSet<string>();
        foreach (var rank in new[] { 0, 1 })
            for (var i = 0; i < headers.Count; i++)
            {
                if (result[i] is not null) continue;
                var header = Normalize(headers[i]);
                var match = candidates.FirstOrDefault(c => c.Rank == rank && c.Spelling == header && !used.Contains(c.Target));
                if (match.Target is null) continue;
                result[i] = match.Target;
                used.Add(match.Target);
            }
        return result;
    }

    /// <summary>"E-Mail Address" and "email_address" read alike: lower-case letters and digits only.</summary>
    public static string Normalize(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var ch in header.Trim().ToLowerInvariant())
            if (char.IsLetterOrDigit(ch)) sb.Append(ch);
        return sb.ToString();
    }

    /// <summary>What is wrong with a mapping before any row is read (missing required fields, no key column).</summary>
    public static IReadOnlyList<string> Problems(ImportKind kind, ImportMapping mapping)
    {
        var targets = mapping.Targets.Where(t => t is not null).Select(t => t!).ToList();
        var problems = targets.GroupBy(t => t).Where(g => g.Count() > 1)
            .Select(g => $"Two columns are mapped to {LabelOf(kind, g.Key)}; map each field once.").ToList();
        foreach (var field in For(kind).Where(f => f.Required && !targets.Contains(f.Key)))
            problems.Add($"Map a column to {field.Label}.");
        if (kind == ImportKind.Customers)
        {
            if (!targets.Contains("name") && !targets.Contains("first_name") && !targets.Contains("last_name"))
                problems.Add("Map a column to Name (or to First name / Last name).");
            var key = mapping.DedupeBy == DuplicateKey.Email ? "email" : "external_id";
            if (!targets.Contains(key))
                problems.Add($"Duplicates are recognised by {LabelOf(kind, key)}, so map a column to it.");
        }
        else if (!targets.Contains("customer_email") && !targets.Contains("customer_external_id"))
            problems.Add("Map a column to Customer e-mail or Customer external id, so each order finds its customer.");
        return problems;
    }

    public static string LabelOf(ImportKind kind, string target) =>
        For(kind).FirstOrDefault(f => f.Key == target)?.Label
        ?? (target.StartsWith(AttributePrefix, StringComparison.Ordinal) ? target[AttributePrefix.Length..] : target);
}
