using System.Security.Claims;
using System.Text.Encodings.Web;
using CrmLive.Domain.Api;
using CrmLive.Infrastructure.Api;
using CrmLive.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CrmLive.Web.Api;

/// <summary>Names shared by the API-key scheme, its claims and the API's policies.</summary>
public static class ApiAuth
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "api_key_id";
    public const string ScopeClaim = "api_scope";
    public const string ReadScope = "read";
    public const string WriteScope = "write";

    /// <summary>Reading: any staff member signed in with the cookie, or any valid key.</summary>
    public const string ReadPolicy = "ApiRead";

    /// <summary>Writing: any staff member signed in with the cookie, or a read-and-write key.</summary>
    public const string WritePolicy = "ApiWrite";

    internal const string FailureItem = "ApiKeyFailure";

    public static bool IsApiKey(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == KeyIdClaim);

    /// <summary>Who owns rate-limit budgets and idempotency keys: the API key, else the signed-in person.</summary>
    public static string? CallerId(this ClaimsPrincipal user) =>
        user.FindFirstValue(KeyIdClaim) is { } keyId ? $"key:{keyId}"
        : user.UserId() is { } userId ? $"user:{userId}" : null;

    private static bool IsStaff(ClaimsPrincipal user) =>
        !user.IsApiKey() && Roles.All.Any(user.IsInRole);

    public static IHostApplicationBuilder AddApiAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, null);
        string[] schemes = [IdentityConstants.ApplicationScheme, Scheme];
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser()
                .RequireAssertion(c => IsStaff(c.User) || c.User.HasClaim(x => x.Type == ScopeClaim)))
            .AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(schemes).RequireAuthenticatedUser()
                .RequireAssertion(c => IsStaff(c.User) || c.User.HasClaim(ScopeClaim, WriteScope)));
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        return builder;
    }
}

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>. No key is no result (the cookie may
/// still sign the request in); a wrong or revoked key fails, and the reason reaches the 401 problem.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        var (check, caller) = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (caller is null)
        {
            var reason = check == ApiKeyCheck.Revoked ? "This API key has been revoked." : "This API key is not valid.";
            Logger.LogWarning("API key refused from {Ip}: {Reason}", Context.Connection.RemoteIpAddress, reason);
            Context.Items[ApiAuth.FailureItem] = reason;
            return AuthenticateResult.Fail(reason);
        }
        List<Claim> claims =
        [
            new(ApiAuth.KeyIdClaim, caller.KeyId.ToString()),
            new(ApiAuth.ScopeClaim, ApiAuth.ReadScope),
            new(StaffClaimsPrincipalFactory.DisplayNameClaim, caller.Name),
            new(ClaimTypes.Name, caller.Name),
        ];
        if (caller.Scope == ApiKeyScope.ReadWrite) claims.Add(new(ApiAuth.ScopeClaim, ApiAuth.WriteScope));
        // Replies and audit entries made with the key are on behalf of the Admin who created it.
        if (caller.CreatedById is not null) claims.Add(new(ClaimTypes.NameIdentifier, caller.CreatedById));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiAuth.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiAuth.Scheme));
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(ApiAuth.HeaderName, out var header) && header.ToString().Trim() is { Length: > 0 } key)
            return key;
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && authorization[7..].Trim() is { Length: > 0 } bearer ? bearer : null;
    }
}

/// <summary>Under <c>/api</c>, refusals are RFC 7807 problems (401 with a reason, 403 naming the missing scope).</summary>
internal sealed class ApiAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !context.Request.Path.StartsWithSegments("/api"))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        int status;
        string title, detail;
        if (authorizeResult.Challenged)
        {
            (status, title) = (StatusCodes.Status401Unauthorized, "Unauthorized");
            detail = context.Items[ApiAuth.FailureItem] as string
                ?? $"Send an API key as 'Authorization: Bearer <key>' or '{ApiAuth.HeaderName}: <key>'.";
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"CrmLive API\"";
        }
        else
        {
            (status, title) = (StatusCodes.Status403Forbidden, "Forbidden");
            detail = context.User.IsApiKey() && !context.User.HasClaim(ApiAuth.ScopeClaim, ApiAuth.WriteScope)
                ? "This API key may only read; writing needs a read-and-write key."
                : "Your role does not allow this.";
        }
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
