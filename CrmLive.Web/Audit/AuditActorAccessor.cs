using CrmLive.Domain.Audit;
using CrmLive.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace CrmLive.Web.Audit;

/// <summary>
/// Names the current person for the audit log, in a request or in a Blazor circuit. The address is the
/// connection's remote address (the circuit's WebSocket request, behind forwarded-headers handling).
/// </summary>
public sealed class AuditActorAccessor(IHttpContextAccessor http, AuthenticationStateProvider? auth = null)
{
    public async Task<AuditActor> CurrentAsync()
    {
        var context = http.HttpContext;
        var user = context?.User is { Identity.IsAuthenticated: true } u ? u
            : auth is not null ? (await auth.GetAuthenticationStateAsync()).User : null;
        var ip = context?.Connection.RemoteIpAddress?.ToString();
        return user is null ? new AuditActor(null, "Anonymous", ip) : user.ToAuditActor(ip);
    }
}
