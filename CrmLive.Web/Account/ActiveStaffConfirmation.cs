using CrmLive.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace CrmLive.Web.Account;

/// <summary>A deactivated person cannot sign in: Identity reports it as "not allowed", which the sign-in page explains.</summary>
internal sealed class ActiveStaffConfirmation : IUserConfirmation<StaffUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(user.IsActive);
}
