using System.Globalization;
using System.Text;
using CrmLive.Domain.Customers;

namespace CrmLive.Bench.Customers;

/// <summary>Builds generated companies, customers and timeline entries through the domain's own constructors.</summary>
internal sealed class SampleCustomers(Random random, DateTimeOffset now)
{
    /// <summary>Agent ids customers are assigned to; about one in seven customers has no owner.</summary>
    public static readonly string[] Owners = Enumerable.Range(1, 25).Select(i => $"bench-agent-{i:00}").ToArray();

    private static readonly LifecycleStage[] Stages =
    [
        LifecycleStage.Lead, LifecycleStage.Lead, LifecycleStage.Prospect, LifecycleStage.Customer,
        LifecycleStage.Customer, LifecycleStage.Customer, LifecycleStage.Customer, LifecycleStage.Advocate,
        LifecycleStage.Churned,
    ];

    private readonly HashSet<string> _companyNames = [];

    public Company NewCompany()
    {
        string name;
        do
        {
            name = $"{Pick(SampleNames.CompanyWords)}{Pick(SampleNames.CompanyWords).ToLowerInvariant()} "
                + $"{Pick(SampleNames.CompanyTrades)} {Pick(SampleNames.CompanyForms)}";
        } while (!_companyNames.Add(name) && _companyNames.Count < 500_000);
        var domain = Ascii(name.Split(' ')[0]) + "-" + Ascii(name.Split(' ')[1]) + "." + (random.Next(3) == 0 ? "com" : "de");
        return new Company(name, domain, Past(3650));
    }

    /// <param name="age">How far back the customer was created; random within five years when not given.</param>
    public Customer NewCustomer(int sequence, Company? company, TimeSpan? age = null)
    {
        var first = Pick(SampleNames.First);
        var last = Pick(SampleNames.Last);
        var mailDomain = company?.Domain is { } d && random.Next(2) == 0 ? d : Pick(SampleNames.MailDomains);
        // The sequence keeps addresses unique without a lookup, as mailbox numbers do in real data.
        var email = random.Next(10) == 0 ? null : $"{Ascii(first)}.{Ascii(last)}{sequence % 997}@{mailDomain}";
        var customer = new Customer($"{first} {last}", email, random.Next(8) == 0 ? null : Phone(), company?.Id,
            age is { } a ? now - a : Past(5 * 365), company?.Name);
        customer.SeenAt(customer.CreatedAt + TimeSpan.FromSeconds(random.NextDouble() * (now - customer.CreatedAt).TotalSeconds));
        customer.AssignOwner(random.Next(7) == 0 ? null : Pick(Owners));
        customer.MoveToStage(Pick(Stages));
        return customer;
    }

    public IEnumerable<string> TagsFor() =>
        random.Next(10) != 0 ? [] : Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Pick(SampleNames.Tags)).Distinct();

    public TimelineEntry NewEvent(Guid customerId, int index, int total)
    {
        // Spread evenly over three years, newest last, with jitter so equal timestamps are rare but possible.
        var occurred = now - TimeSpan.FromDays(3 * 365.0 * (total - index) / total) + TimeSpan.FromSeconds(random.Next(60));
        var kind = (TimelineKind)random.Next(Enum.GetValues<TimelineKind>().Length);
        return new TimelineEntry(customerId, occurred, kind, $"{kind} #{index}",
            random.Next(3) == 0 ? null : $"Generated {kind.ToString().ToLowerInvariant()} event number {index} of {total}.",
            random.Next(2) == 0 ? null : Guid.NewGuid());
    }

    private string Phone()
    {
        var (country, areas) = Pick(SampleNames.Phones);
        var subscriber = random.Next(1_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        return $"{country} {Pick(areas)} {subscriber}";
    }

    private DateTimeOffset Past(int days) => now - TimeSpan.FromMinutes(random.NextDouble() * days * 24 * 60);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>E-mail local parts and domains in ASCII: "Jörg Müller" writes as joerg.mueller.</summary>
    private static string Ascii(string text)
    {
        var folded = text.ToLowerInvariant().Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("ß", "ss")
            .Normalize(NormalizationForm.FormD);
        return new string(folded.Where(ch => ch is >= 'a' and <= 'z' or >= '0' and <= '9').ToArray());
    }
}
