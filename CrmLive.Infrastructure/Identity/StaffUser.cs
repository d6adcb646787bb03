using Microsoft.AspNetCore.Identity;

namespace CrmLive.Infrastructure.Identity;

/// <summary>A person who signs in: Admin, Manager or Agent.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
