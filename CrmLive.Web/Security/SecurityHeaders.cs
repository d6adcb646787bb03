using Microsoft.Net.Http.Headers;

namespace CrmLive.Web.Security;

/// <summary>
/// Headers every response carries unless its endpoint set its own (attachments do): a Content-Security-Policy the
/// app and the widget's demo page satisfy, no framing, no MIME sniffing, a tight referrer and permissions policy.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The app's policy. Scripts only from this origin (no inline script, no eval); styles may be inline because
    /// MudBlazor positions popovers with style attributes and the widget styles its shadow root.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>Hangfire's dashboard and the API reference ship inline scripts of their own; they get only that exception.</summary>
    public const string ToolsContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var path = context.Request.Path;
                var tools = path.StartsWithSegments("/hangfire") || path.StartsWithSegments("/api/docs");
                headers.TryAdd(HeaderNames.ContentSecurityPolicy, tools ? ToolsContentSecurityPolicy : ContentSecurityPolicy);
                headers.TryAdd(HeaderNames.XContentTypeOptions, "nosniff");
                headers.TryAdd(HeaderNames.XFrameOptions, "DENY");
                headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
                headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
                headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
                return Task.CompletedTask;
            });
            return next(context);
        });
}
