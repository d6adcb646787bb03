using CrmLive.Domain.Common;

namespace CrmLive.Domain.Api;

/// <summary>
/// One POST made with an <c>Idempotency-Key</c>: who sent it, a hash of what was sent, and once it is done the
/// response, so a retry gets the same answer instead of writing again. Unique per caller and key.
/// </summary>
public sealed class IdempotencyRecord : Entity
{
    public const int MaxKeyLength = 100;

    private IdempotencyRecord() { }

    public IdempotencyRecord(string callerId, string key, string requestHash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        CallerId = Guard.NotBlank(callerId, "Caller", 100);
        Key = Guard.NotBlank(key, "Idempotency-Key", MaxKeyLength);
        RequestHash = requestHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>The API key (<c>key:…</c>) or signed-in person (<c>user:…</c>) the key belongs to.</summary>
    public string CallerId { get; private set; } = "";

    public string Key { get; private set; } = "";
    public string RequestHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>Null while the first request is still being handled.</summary>
    public int? StatusCode { get; private set; }

    public string? ContentType { get; private set; }
    public string? Location { get; private set; }
    public string? ResponseBody { get; private set; }

    public bool IsComplete => StatusCode is not null;

    public void Complete(int statusCode, string? contentType, string? location, string? body)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Location = location;
        ResponseBody = body;
    }
}
