using Microsoft.AspNetCore.Identity;

namespace CrmLive.Infrastructure.Identity;

/// <summary>A person who signs in: Admin, Manager or Agent.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>How many open conversations automatic assignment may give this person at once.</summary>
    public int ChatCapacity { get; set; } = 5;

    /// <summary>When automatic assignment last gave this person a conversation; drives the rotation.</summary>
    public DateTimeOffset? LastAssignedAt { get; set; }

    /// <summary>
    /// False once an Admin deactivates the person: they cannot sign in, their sessions end, and their history stays
    /// attributed to them.
    /// </summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset? DeactivatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
