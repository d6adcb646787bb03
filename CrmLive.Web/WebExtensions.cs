using CrmLive.Web.Security;
using CrmLive.Web.Bot;
using CrmLive.Web.Campaigns;
using CrmLive.Web.Account;
using CrmLive.Web.Api;
using CrmLive.Web.Audit;
using CrmLive.Web.Chat;
using CrmLive.Web.Components;
using CrmLive.Web.Imports;
using CrmLive.Web.Customers;
using CrmLive.Web.Jobs;
using CrmLive.Web.Lists;
using CrmLive.Web.Operations;
using CrmLive.Web.Presence;
using CrmLive.Web.Widget;
using Microsoft.AspNetCore.HttpOverrides;
using MudBlazor.Services;

namespace CrmLive.Web;

public static class WebExtensions
{
    /// <summary>The web layer: components, sign-in, the widget hub and the API.</summary>
    public static IHostApplicationBuilder AddWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddProblemDetails();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditActorAccessor>();
        builder.AddTelemetry();
        builder.AddAccounts();
        builder.AddApi();
        builder.AddPresence();
        builder.AddWidgetHub();
        builder.AddCampaignLinks();
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // API errors without a body (a malformed JSON body, a wrong route value) still answer a problem document.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapWidgetAssets();
        app.MapWidgetHub();
        app.MapAttachments();
        app.MapBotEndpoints();
        app.MapCustomerPrivacyEndpoints();
        app.MapAccountEndpoints();
        app.MapApi();
        app.MapImportEndpoints();
        app.MapExportEndpoints();
        app.MapCampaignEndpoints();
        app.MapApiDocs();
        app.MapJobsDashboard();
        app.MapHealth();
        // Blazor's own frame-ancestors header would replace ours; the app's policy (SecurityHeaders) says 'none'.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
