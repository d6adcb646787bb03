using System.Net;
using System.Security.Cryptography;
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

    private static IResult ServeDemoPage(HttpContext http)
    {
        var origin = WebUtility.HtmlEncode($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");
        return TypedResults.Content(DemoPage.Html.Replace("{{ORIGIN}}", origin), "text/html; charset=utf-8");
    }
}
