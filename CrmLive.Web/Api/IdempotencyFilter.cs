using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmLive.Domain.Api;
using CrmLive.Infrastructure.Api;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CrmLive.Web.Api;

/// <summary>
/// A POST carrying an <c>Idempotency-Key</c> runs once per caller and key: its answer (status, body, Location) is
/// stored and replayed to retries; the same key with a different request is refused with 422. The request is
/// compared by a hash of its method, path and bound arguments (route values and body), so formatting doesn't matter.
/// </summary>
internal sealed class IdempotencyFilter(IdempotencyStore store, IServiceProviderIsService services,
    IOptions<JsonOptions> json, ILogger<IdempotencyFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(HeaderName, out var header))
            return await next(context);
        var key = header.ToString().Trim();
        if (key.Length is 0 or > IdempotencyRecord.MaxKeyLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [HeaderName] = [$"{HeaderName} must be 1 to {IdempotencyRecord.MaxKeyLength} characters."],
            });
        var caller = http.User.CallerId();
        if (caller is null) return await next(context);

        var start = await store.BeginAsync(caller, key, RequestHash(context), http.RequestAborted);
        switch (start)
        {
            case IdempotencyStart.Replay replay:
                http.Response.Headers[ReplayedHeader] = "true";
                return new StoredResponse(replay);
            case IdempotencyStart.Mismatch:
                return TypedResults.Problem($"This {HeaderName} was already used with a different request.",
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused");
            case IdempotencyStart.StillRunning:
                return TypedResults.Problem($"A request with this {HeaderName} is still being handled; retry shortly.",
                    statusCode: StatusCodes.Status409Conflict, title: "Request in progress");
        }
        var recordId = ((IdempotencyStart.Started)start).RecordId;

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await store.AbandonAsync(recordId);
            throw;
        }
        if (result is not IResult toRun)
        {
            await store.AbandonAsync(recordId);
            return result;
        }

        // Run the result into a buffer to keep exactly what the caller gets, then send it on.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await toRun.ExecuteAsync(http);
        }
        catch
        {
            await store.AbandonAsync(recordId);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
        var status = http.Response.StatusCode;
        var body = buffer.ToArray();
        if (status >= 500) await store.AbandonAsync(recordId);
        else
            await store.CompleteAsync(recordId, status, http.Response.ContentType, http.Response.Headers.Location.ToString() is
                { Length: > 0 } location ? location : null, Encoding.UTF8.GetString(body), CancellationToken.None);
        logger.LogDebug("Idempotent POST {Path} stored under key {Key} ({Status})", http.Request.Path, key, status);
        await original.WriteAsync(body, http.RequestAborted);
        return Results.Empty;
    }

    private string RequestHash(EndpointFilterInvocationContext context)
    {
        var payload = context.Arguments.Where(a => a is not null and not CancellationToken and not HttpContext
            and not ClaimsPrincipal && !services.IsService(a.GetType()));
        var text = $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}{context.HttpContext.Request.QueryString}\n"
            + JsonSerializer.Serialize(payload, json.Value.SerializerOptions);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>A stored answer, sent again as it was.</summary>
    private sealed class StoredResponse(IdempotencyStart.Replay stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = stored.StatusCode;
            if (stored.ContentType is not null) httpContext.Response.ContentType = stored.ContentType;
            if (stored.Location is not null) httpContext.Response.Headers.Location = stored.Location;
            if (stored.Body is { Length: > 0 } body) await httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
