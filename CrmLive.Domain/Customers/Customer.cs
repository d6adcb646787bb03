using CrmLive.Domain.Analytics;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Customers;

public sealed class Customer : Entity
{
    private Customer() { }

    public Customer(string name, string? email, string? phone, Guid? companyId, DateTimeOffset createdAt)
    {
        Name = Guard.NotBlank(name, nameof(name), 200);
        Email = NormalizeEmail(email);
        Phone = phone?.Trim();
        CompanyId = companyId;
        CreatedAt = createdAt;
        LastSeenAt = createdAt;
    }

    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Company? Company { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }

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

    private static string? NormalizeEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
}
