using CrmLive.Domain.Audit;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Identity;

/// <summary>Puts the person's display name into the sign-in cookie so screens need no lookup to show it.</summary>
public sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName)
            ? user.Email ?? user.UserName ?? "Agent"
            : user.DisplayName));
        return identity;
    }
}

public static class StaffClaims
{
    public static string? UserId(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(StaffClaimsPrincipalFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "Agent";

    /// <summary>The person (or API key) as the audit log names them.</summary>
    public static AuditActor ToAuditActor(this ClaimsPrincipal user, string? ipAddress) =>
        new(user.UserId(), user.DisplayName(), ipAddress);
}
