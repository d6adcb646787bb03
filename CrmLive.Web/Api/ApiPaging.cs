using System.Buffers.Text;
using System.Text.Json;

namespace CrmLive.Web.Api;

/// <summary>
/// Every list answers <c>{ items, page }</c>. Numbered lists fill <see cref="PageInfo.Number"/> and
/// <see cref="PageInfo.Total"/>; lists that move on with a cursor fill <see cref="PageInfo.NextCursor"/>.
/// </summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, PageInfo Page);

/// <param name="Number">0-based page number (numbered lists).</param>
/// <param name="Size">The page size asked for.</param>
/// <param name="Total">All matches (numbered lists); a lower bound when <paramref name="TotalIsLowerBound"/>.</param>
/// <param name="HasMore">Whether another page follows.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> (or <c>afterSeq</c> for messages) for the next page.</param>
public sealed record PageInfo(int? Number, int Size, int? Total, bool TotalIsLowerBound, bool HasMore, string? NextCursor);

internal static class ApiPaging
{
    public const int DefaultSize = 25;

    public static void Validate(ApiResults.Errors errors, int? page, int size, int max)
    {
        if (page is < 0) errors.Add("page", "page must be 0 or more.");
        if (size < 1 || size > max) errors.Add("pageSize", $"pageSize must be between 1 and {max}.");
    }

    public static ApiPage<T> Numbered<T>(IReadOnlyList<T> items, int page, int size, int total, bool capped) =>
        new(items, new PageInfo(page, size, total, capped, (page + 1L) * size < total, null));

    /// <summary>An opaque cursor: base64url of the position's JSON.</summary>
    public static string Encode<T>(T position) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(position));

    public static bool TryDecode<T>(string? cursor, out T? position) where T : class
    {
        position = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        try
        {
            position = JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(cursor));
            return position is not null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }
}
