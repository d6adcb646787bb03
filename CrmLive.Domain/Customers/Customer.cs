using CrmLive.Domain.Analytics;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Customers;

public sealed class Customer : Entity
{
    /// <summary>What an erased customer is called: the record stays so orders and counts still add up.</summary>
    public const string ErasedName = "Erased customer";

    private Customer() { }

    public Customer(string name, string? email, string? phone, Guid? companyId, DateTimeOffset createdAt,
        string? companyName = null)
    {
        Name = Guard.NotBlank(name, nameof(name), 200);
        Email = ContactPoints.Email(email);
        Phone = ContactPoints.Phone(phone);
        CompanyId = companyId;
        CompanyName = companyName;
        CreatedAt = createdAt;
        LastSeenAt = createdAt;
        RefreshSearchText();
    }

    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public List<string> OtherEmails { get; private set; } = [];
    public List<string> OtherPhones { get; private set; } = [];
    public Guid? CompanyId { get; private set; }
    public Company? Company { get; private set; }

    /// <summary>Copy of the company's name, so a million-row list sorts and searches by it without a join.</summary>
    public string? CompanyName { get; private set; }

    public Address Address { get; private set; } = Address.None;
    public string? Language { get; private set; }
    public string? TimeZone { get; private set; }
    public string? OwnerId { get; private set; }
    public LifecycleStage Stage { get; private set; } = LifecycleStage.Customer;
    public bool MarketingEmailConsent { get; private set; }
    public bool ProactiveChatConsent { get; private set; }
    public DateTimeOffset? ConsentChangedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>Lower-cased name, e-mails, phone digits and company: what search-as-you-type looks in.</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>The customer's id in the company's own systems (shop, ERP); signed widget identities name it.</summary>
    public string? ExternalId { get; private set; }

    public void SetExternalId(string? externalId) =>
        ExternalId = string.IsNullOrWhiteSpace(externalId) ? null : Guard.NotBlank(externalId, "External id", 100);

    /// <summary>Null until the RFM job has scored this customer (or when they have no orders).</summary>
    public RfmScore? Rfm => RfmRecency is { } r && RfmFrequency is { } f && RfmMonetary is { } m
        ? new RfmScore(r, f, m)
        : null;

    public int? RfmRecency { get; private set; }
    public int? RfmFrequency { get; private set; }
    public int? RfmMonetary { get; private set; }
    public DateTimeOffset? RfmComputedAt { get; private set; }

    /// <summary>Written by the analytics jobs; null means "not computed yet".</summary>
    public CustomerMetrics Metrics { get; private set; } = CustomerMetrics.NotComputed;

    public void Rename(string name)
    {
        Name = Guard.NotBlank(name, "Name", 200);
        RefreshSearchText();
    }

    public void SetContact(string? email, string? phone)
    {
        Email = ContactPoints.Email(email);
        Phone = ContactPoints.Phone(phone);
        RefreshSearchText();
    }

    public void SetOtherContacts(IEnumerable<string> emails, IEnumerable<string> phones)
    {
        OtherEmails = ContactPoints.Emails(emails);
        OtherPhones = ContactPoints.Phones(phones);
        RefreshSearchText();
    }

    public void SetCompany(Guid? companyId, string? companyName)
    {
        CompanyId = companyId;
        CompanyName = companyId is null ? null : companyName;
        RefreshSearchText();
    }

    public void SetAddress(Address address) => Address = address;

    public void SetLocale(string? language, string? timeZone)
    {
        Language = Locale.Language(language);
        TimeZone = Locale.TimeZone(timeZone);
    }

    public void AssignOwner(string? ownerId) => OwnerId = string.IsNullOrWhiteSpace(ownerId) ? null : ownerId;

    public void MoveToStage(LifecycleStage stage) => Stage = stage;

    public void SetConsent(bool marketingEmail, bool proactiveChat, DateTimeOffset now)
    {
        if (marketingEmail == MarketingEmailConsent && proactiveChat == ProactiveChatConsent) return;
        MarketingEmailConsent = marketingEmail;
        ProactiveChatConsent = proactiveChat;
        ConsentChangedAt = now;
    }

    public void SeenAt(DateTimeOffset when)
    {
        if (when > LastSeenAt) LastSeenAt = when;
    }

    public void SetRfm(RfmScore? score, DateTimeOffset computedAt)
    {
        RfmRecency = score?.Recency;
        RfmFrequency = score?.Frequency;
        RfmMonetary = score?.Monetary;
        RfmComputedAt = computedAt;
    }

    public void SetMetrics(CustomerMetrics metrics) => Metrics = metrics;

    /// <summary>
    /// GDPR erasure of the record itself: every personal field cleared, the name replaced. Stage, dates, scores and
    /// the company link stay, so aggregates (revenue, RFM, counts per company) stay right.
    /// </summary>
    public void Erase()
    {
        Name = ErasedName;
        Email = null;
        Phone = null;
        OtherEmails = [];
        OtherPhones = [];
        Address = Address.None;
        Language = null;
        TimeZone = null;
        ExternalId = null;
        MarketingEmailConsent = false;
        ProactiveChatConsent = false;
        RefreshSearchText();
    }

    public bool IsErased => Name == ErasedName && Email is null && Phone is null;

    private void RefreshSearchText() =>
        SearchText = CustomerSearchText.Build(Name, [Email, .. OtherEmails], [Phone, .. OtherPhones], CompanyName);
}
