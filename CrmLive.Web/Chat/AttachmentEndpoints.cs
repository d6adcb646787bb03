using Microsoft.AspNetCore.Http.Features;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Chat;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CrmLive.Web.Chat;

/// <summary>
/// Files in chats: the widget uploads over plain HTTP (SignalR is not made for large payloads), and everyone who
/// was shown a message fetches its file by the link in it.
/// </summary>
public static class AttachmentEndpoints
{
    public const string UploadRoute = "/widget/attachments";
    public const string VisitorTokenHeader = "X-Visitor-Token";

    // Multipart framing around the file; anything beyond the inbox's limit plus this is refused unread.
    private const long FormOverhead = 16 * 1024;

    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        app.MapPost(UploadRoute, UploadFromWidgetAsync)
            .RequireCors(WidgetHubExtensions.CorsPolicy)
            .AllowAnonymous()
            .DisableAntiforgery() // authenticated by the visitor token in the form, never by cookies
            .WithMetadata(new RequestSizeLimitAttribute(AttachmentRules.HardMaxBytes + FormOverhead));
        app.MapGet("/attachments/{id:guid}/{key}/{name}", ServeAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> UploadFromWidgetAsync(HttpRequest request, ConversationService chat,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(AttachmentEndpoints));
        if (!request.HasFormContentType) return Refuse(logger, "Send the file as multipart/form-data.");
        // The visitor proves itself and its inbox's size limit applies before a byte of the body is read.
        var visitor = await chat.AuthenticateVisitorAsync(request.Headers[VisitorTokenHeader], ct);
        if (visitor is null) return Refuse(logger, "Unknown visitor; reload the page.", StatusCodes.Status401Unauthorized);
        if (!visitor.MayChat) return Refuse(logger, InboxSettings.VerifiedOnlyMessage, StatusCodes.Status403Forbidden);
        if (request.ContentLength > visitor.Rules.MaxBytes + FormOverhead)
            return Refuse(logger, $"Files can be at most {AttachmentRules.FormatSize(visitor.Rules.MaxBytes)}.",
                StatusCodes.Status413PayloadTooLarge);
        // A body without a length (chunked) is held to the same limit while it streams: nothing larger is buffered.
        var limit = visitor.Rules.MaxBytes + FormOverhead;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            bodySize.MaxRequestBodySize = limit;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 16 }, ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return Refuse(logger, $"Files can be at most {AttachmentRules.FormatSize(visitor.Rules.MaxBytes)}.",
                StatusCodes.Status413PayloadTooLarge);
        }
        if (form.Files.Count != 1) return Refuse(logger, "Send exactly one file.");
        var file = form.Files[0];
        var bytes = await ReadLimitedAsync(file.OpenReadStream(), visitor.Rules.MaxBytes, ct);
        if (bytes is null)
            return Refuse(logger, $"Files can be at most {AttachmentRules.FormatSize(visitor.Rules.MaxBytes)}.",
                StatusCodes.Status413PayloadTooLarge);
        try
        {
            var result = await chat.ReceiveAttachmentFromVisitorAsync(visitor.VisitorId, form["clientMessageId"].ToString(),
                new AttachmentUpload(file.FileName, bytes), ct);
            return Results.Ok(result);
        }
        catch (ChatException ex)
        {
            return Refuse(logger, ex.Message);
        }
    }

    /// <summary>Null when the stream holds more than <paramref name="max"/> bytes.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream stream, long max, CancellationToken ct)
    {
        await using var _ = stream;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static async Task<IResult> ServeAsync(Guid id, string key, HttpContext context, ConversationService chat,
        CancellationToken ct)
    {
        var file = await chat.GetAttachmentAsync(id, key, ct);
        if (file is null) return Results.NotFound();
        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        // Even a file opened directly can run nothing and reach nothing.
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
        headers[HeaderNames.CacheControl] = "private, max-age=86400, immutable";
        headers["Cross-Origin-Resource-Policy"] = "cross-origin"; // the widget shows images on the customer's site
        var disposition = new ContentDispositionHeaderValue(file.IsSafeImage ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers[HeaderNames.ContentDisposition] = disposition.ToString();
        // The stored type was sniffed from the bytes and is never a markup type, so it is safe to name.
        return Results.Bytes(file.Bytes, file.ContentType);
    }

    private static IResult Refuse(ILogger logger, string reason, int status = StatusCodes.Status400BadRequest)
    {
        logger.LogWarning("Widget upload refused ({Status}): {Reason}", status, reason);
        return Results.Problem(detail: reason, statusCode: status, title: "The file was not sent");
    }
}
