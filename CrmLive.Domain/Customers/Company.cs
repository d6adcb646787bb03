using CrmLive.Domain.Common;

namespace CrmLive.Domain.Customers;

public sealed class Company : Entity
{
    private Company() { }

    public Company(string name, string? domain, DateTimeOffset createdAt)
    {
        Name = Guard.NotBlank(name, nameof(name), 200);
        Domain = domain?.Trim();
        CreatedAt = createdAt;
    }

    public string Name { get; private set; } = "";
    public string? Domain { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
