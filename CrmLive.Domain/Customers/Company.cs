using CrmLive.Domain.Common;

namespace CrmLive.Domain.Customers;

public sealed class Company : Entity
{
    private Company() { }

    public Company(string name, string? domain, DateTimeOffset createdAt)
    {
        Name = Guard.NotBlank(name, nameof(name), 200);
        Domain = CleanDomain(domain);
        CreatedAt = createdAt;
    }

    public string Name { get; private set; } = "";
    public string? Domain { get; private set; }
    public string? Industry { get; private set; }
    public int? Employees { get; private set; }
    public string? Phone { get; private set; }
    public Address Address { get; private set; } = Address.None;
    public string? OwnerId { get; private set; }
    public LifecycleStage Stage { get; private set; } = LifecycleStage.Customer;
    public DateTimeOffset CreatedAt { get; private set; }

    public void Rename(string name) => Name = Guard.NotBlank(name, "Name", 200);

    public void SetDetails(string? domain, string? industry, int? employees, string? phone)
    {
        if (employees is < 0) throw new DomainException("Employees cannot be negative.");
        Domain = CleanDomain(domain);
        Industry = string.IsNullOrWhiteSpace(industry) ? null : Guard.NotBlank(industry, "Industry", 100);
        Employees = employees;
        Phone = ContactPoints.Phone(phone);
    }

    public void SetAddress(Address address) => Address = address;

    public void AssignOwner(string? ownerId) => OwnerId = string.IsNullOrWhiteSpace(ownerId) ? null : ownerId;

    public void MoveToStage(LifecycleStage stage) => Stage = stage;

    private static string? CleanDomain(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain)) return null;
        var d = domain.Trim().ToLowerInvariant();
        if (d.StartsWith("https://", StringComparison.Ordinal)) d = d[8..];
        else if (d.StartsWith("http://", StringComparison.Ordinal)) d = d[7..];
        d = d.TrimEnd('/');
        if (d.Length > 200 || Uri.CheckHostName(d) != UriHostNameType.Dns || !d.Contains('.', StringComparison.Ordinal))
            throw new DomainException($"'{domain.Trim()}' is not a web domain like example.com.");
        return d;
    }
}
