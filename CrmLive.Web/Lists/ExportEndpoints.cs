using System.Buffers.Text;
using System.Text.Json;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using CrmLive.Web.Audit;

namespace CrmLive.Web.Lists;

/// <summary>What the customer list shows, carried in the export link (base64url JSON, as saved views store it).</summary>
public sealed record CustomerExportRequest(string? Search, CustomerFilter? Filter, IReadOnlyList<Guid>? Columns,
    CustomerSort Sort = CustomerSort.Name, bool Descending = false);

public static class ExportEndpoints
{
    public const string CustomersRoute = "/export/customers.csv";

    public static string CustomersLink(CustomerExportRequest request) =>
        $"{CustomersRoute}?v={Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(request, SavedViews.Json))}";

    /// <summary>CSV exports of lists, streamed (managers: an export takes the whole customer base out of the building).</summary>
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(CustomersRoute, async (string? v, CustomerCsvExport export, AuditActorAccessor actor, HttpContext http,
            ILogger<CustomerExportRequest> logger, CancellationToken ct) =>
        {
            CustomerExportRequest? request;
            try
            {
                request = string.IsNullOrEmpty(v) ? new CustomerExportRequest(null, null, null)
                    : v.Length > 12_000 ? null
                    : JsonSerializer.Deserialize<CustomerExportRequest>(Base64Url.DecodeFromChars(v), SavedViews.Json);
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                logger.LogWarning("Refused a customer export with an unreadable filter: {Reason}", ex.Message);
                request = null;
            }
            if (request is null)
                return Results.Problem("The export link is damaged; export again from the list.", statusCode: StatusCodes.Status400BadRequest);

            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"customers-{DateTime.UtcNow:yyyy-MM-dd}.csv\"";
            await export.WriteAsync(new CustomerListQuery(request.Search, request.Sort, request.Descending, Filter: request.Filter,
                AttributeColumns: request.Columns), http.Response.Body, await actor.CurrentAsync(), ct);
            return Results.Empty;
        }).RequireAuthorization(Policies.Manager);
        return app;
    }
}
