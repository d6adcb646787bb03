using System.Net;
using CrmLive.Infrastructure.Campaigns;

namespace CrmLive.Web.Campaigns;

/// <summary>
/// The public ends of campaign e-mail. The recipient's random key is the proof, so they need no sign-in; the
/// unsubscribe POST also serves mail clients' one-click button (RFC 8058), which sends no antiforgery token.
/// </summary>
public static class CampaignEndpoints
{
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IHostApplicationBuilder AddCampaignLinks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ICampaignLinks, CampaignLinks>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/c/u/{id:guid}/{key}", (Guid id, string key) => Page("Unsubscribe",
            $"""
            <p>Stop receiving our marketing e-mail? Messages about your orders and conversations keep coming.</p>
            <form method="post" action="/c/u/{id:N}/{WebUtility.UrlEncode(key)}"><button type="submit">Unsubscribe</button></form>
            """)).AllowAnonymous();

        app.MapPost("/c/u/{id:guid}/{key}", async (Guid id, string key, CampaignEmailResponses responses, CancellationToken ct) =>
            await responses.UnsubscribeAsync(id, key, ct)
                ? Page("Unsubscribed", "<p>You will not receive our marketing e-mail any more.</p>")
                : Page("Link not recognised", "<p>This unsubscribe link is not valid. Please use the link in the most recent e-mail.</p>",
                    StatusCodes.Status404NotFound))
            .AllowAnonymous().DisableAntiforgery();

        app.MapGet("/c/o/{id:guid}/{key}.gif", async (Guid id, string key, CampaignEmailResponses responses, HttpContext http,
            CancellationToken ct) =>
        {
            await responses.EmailOpenedAsync(id, key, ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(Pixel, "image/gif");
        }).AllowAnonymous();
        return app;
    }

    private const string Style =
        "body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1f2430;display:grid;place-items:center;min-height:100vh;margin:0}" +
        "main{background:#fff;border-radius:10px;padding:32px;max-width:420px;box-shadow:0 1px 3px #0002}" +
        "h1{font-size:20px;margin-top:0}" +
        "button{background:#3f51b5;color:#fff;border:0;border-radius:6px;padding:10px 18px;font-size:15px;cursor:pointer}";

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{title}</title><style>{Style}</style>
        </head><body><main><h1>{title}</h1>{body}</main></body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
