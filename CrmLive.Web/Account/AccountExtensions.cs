using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmLive.Web.Account;

public static class AccountExtensions
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider,
            StaffRevalidatingAuthenticationStateProvider>();
        builder.Services.AddIdentity<StaffUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = true; // "confirmed" here means active: see ActiveStaffConfirmation
            })
            .AddEntityFrameworkStores<CrmDbContext>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        builder.Services.Replace(ServiceDescriptor.Scoped<IUserConfirmation<StaffUser>, ActiveStaffConfirmation>());
        // A deactivation or role change renews the person's security stamp; cookies are checked against it every
        // minute, so a copied cookie stops working soon after, even where no screen is open to end the session.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "crmlive.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            // API callers get status codes, people get the sign-in page.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Agent, Roles.Manager, Roles.Admin))
            .AddPolicy(Policies.Manager, p => p.RequireRole(Roles.Manager, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        return builder;
    }

    private static Task RedirectOrStatus(
        Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx,
        int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
            ctx.Response.StatusCode = status;
        else
            ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(LogoutPath, async (SignInManager<StaffUser> signIn, ILogger<SignInManager<StaffUser>> logger,
                CrmLive.Infrastructure.Audit.AuditLog audit, HttpContext http) =>
            {
                logger.LogInformation("{User} signed out", http.User.Identity?.Name);
                await audit.WriteAsync(http.User.ToAuditActor(http.Connection.RemoteIpAddress?.ToString()),
                    CrmLive.Domain.Audit.AuditActions.SignedOut, http.User.Identity?.Name ?? "");
                await signIn.SignOutAsync();
                return TypedResults.LocalRedirect("/");
            })
            .RequireAuthorization();
        return app;
    }
}
