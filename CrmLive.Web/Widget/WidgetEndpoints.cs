using System.Net;
using System.Security.Cryptography;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Demo;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace CrmLive.Web.Widget;

/// <summary>Serves the embeddable widget script and a demo shop page that embeds it.</summary>
public static class WidgetEndpoints
{
    public const string ResourceName = "CrmLive.Web.widget.js";

    private static readonly Lazy<(byte[] Content, string ETag)?> Bundle = new(Load);

    public static IEndpointRouteBuilder MapWidgetAssets(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/widget.js", [HttpMethods.Get, HttpMethods.Head], ServeScript).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/demo", ServeDemoPage).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult ServeScript(HttpContext http)
    {
        if (Bundle.Value is not { } bundle)
            return TypedResults.Problem("The widget bundle is missing from this build; rebuild CrmLive.Web with Node.js installed.",
                statusCode: StatusCodes.Status500InternalServerError);
        var (content, etag) = bundle;

        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "public, max-age=300";
        // Any site may load the script; what it may do is decided by the hub.
        headers.AccessControlAllowOrigin = "*";
        if (IsCached(http.Request, etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(content, "application/javascript; charset=utf-8");
    }

    /// <summary>If-None-Match may list several tags, weak ones, or "*"; any match means the browser's copy is current.</summary>
    private static bool IsCached(HttpRequest request, string etag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(EntityTagHeaderValue.Parse(etag), useStrongComparison: false));

    private static (byte[], string)? Load()
    {
        using var stream = typeof(WidgetEndpoints).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        return (bytes, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"").ToString());
    }

    /// <summary>
    /// The demo shop. With <c>?customer=N</c> it plays a shop whose N-th customer is signed in: its "server" signs
    /// their id with the inbox secret, as a real shop's backend would, so the chat attaches to that customer.
    /// </summary>
    private static async Task<IResult> ServeDemoPage(HttpContext http, IDbContextFactory<CrmDbContext> dbFactory,
        Microsoft.Extensions.Options.IOptions<DemoOptions> demo)
    {
        var origin = WebUtility.HtmlEncode($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");
        var identity = "";
        var account = "Shop customers: <a href=\"?customer=1\">sign in as a demo customer</a> to chat with a verified identity.";
        // Only where the demo company is seeded: a production database never signs on a page's say-so.
        if (demo.Value.Seed && int.TryParse(http.Request.Query["customer"], out var n) && n > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(http.RequestAborted);
            var userId = DemoAccounts.ShopUserId(n - 1);
            var secret = await db.Inboxes.Where(i => i.Key == DemoAccounts.DemoInboxKey).Select(i => i.IdentitySecret)
                .SingleOrDefaultAsync(http.RequestAborted);
            var name = await db.Customers.Where(c => c.ExternalId == userId).Select(c => c.Name)
                .SingleOrDefaultAsync(http.RequestAborted);
            if (secret is not null && name is not null)
            {
                identity = $" data-user-id=\"{WebUtility.HtmlEncode(userId)}\" data-user-hash=\"{SignedIdentity.Sign(userId, secret)}\"";
                account = $"Signed in to the shop as <strong>{WebUtility.HtmlEncode(name)}</strong> ({WebUtility.HtmlEncode(userId)}) · <a href=\"demo\">sign out</a>";
            }
        }
        // ?inbox=key shows another inbox's widget on the same page (e.g. one outside its business hours).
        var inbox = http.Request.Query["inbox"].ToString() is { Length: > 0 and <= 50 } key ? key : DemoAccounts.DemoInboxKey;
        var html = DemoPage.Html.Replace("{{ORIGIN}}", origin).Replace("{{INBOX}}", WebUtility.HtmlEncode(inbox))
            .Replace("{{IDENTITY}}", identity).Replace("{{ACCOUNT}}", account);
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
