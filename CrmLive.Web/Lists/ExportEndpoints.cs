using System.Buffers.Text;
using System.Text.Json;
using CrmLive.Domain.Audit;
using CrmLive.Infrastructure.Companies;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Deals;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Tickets;
using CrmLive.Web.Audit;

namespace CrmLive.Web.Lists;

/// <summary>What the customer list shows, carried in the export link (base64url JSON, as saved views store it).</summary>
public sealed record CustomerExportRequest(string? Search, CustomerFilter? Filter, IReadOnlyList<Guid>? Columns,
    CustomerSort Sort = CustomerSort.Name, bool Descending = false);

public static class ExportEndpoints
{
    public const string CustomersRoute = "/export/customers.csv";
    public const string CompaniesRoute = "/export/companies.csv";
    public const string TicketsRoute = "/export/tickets.csv";
    public const string DealsRoute = "/export/deals.csv";

    public static string CustomersLink(CustomerExportRequest request) => Link(CustomersRoute, request);

    public static string CompaniesLink(CompanyListQuery request) => Link(CompaniesRoute, request);

    public static string TicketsLink(TicketFilter filter, TicketSort sort, bool descending) =>
        Link(TicketsRoute, new TicketListQuery(filter, sort, descending));

    public static string DealsLink(DealBoardQuery query) => Link(DealsRoute, query);

    /// <summary>CSV exports of lists, streamed (managers: an export takes the whole customer base out of the building).</summary>
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        MapExport<CustomerExportRequest>(app, CustomersRoute, "customers", new(null, null, null),
            (request, sp, body, actor, ct) => sp.GetRequiredService<CustomerCsvExport>().WriteAsync(
                new CustomerListQuery(request.Search, request.Sort, request.Descending, Filter: request.Filter,
                    AttributeColumns: request.Columns), body, actor, ct));
        MapExport<CompanyListQuery>(app, CompaniesRoute, "companies", new(null),
            (request, sp, body, actor, ct) => sp.GetRequiredService<CompanyCsvExport>().WriteAsync(request, body, actor, ct));
        // "Mine" means whoever downloads: the user comes from the sign-in, never from the link.
        MapExport<TicketListQuery>(app, TicketsRoute, "tickets", new(new TicketFilter()),
            (request, sp, body, actor, ct) => sp.GetRequiredService<TicketCsvExport>().WriteAsync(
                request with { CurrentUserId = actor.UserId }, body, actor, ct));
        MapExport<DealBoardQuery>(app, DealsRoute, "deals", new(),
            (request, sp, body, actor, ct) => sp.GetRequiredService<DealCsvExport>().WriteAsync(request, body, actor, ct));
        return app;
    }

    private static string Link<T>(string route, T request) =>
        $"{route}?v={Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(request, SavedViews.Json))}";

    private static void MapExport<T>(IEndpointRouteBuilder app, string route, string fileStem, T everything,
        Func<T, IServiceProvider, Stream, AuditActor, CancellationToken, Task<long>> write) where T : class =>
        app.MapGet(route, async (string? v, AuditActorAccessor actor, HttpContext http, ILoggerFactory logs, CancellationToken ct) =>
        {
            T? request;
            try
            {
                request = string.IsNullOrEmpty(v) ? everything
                    : v.Length > 12_000 ? null
                    : JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(v), SavedViews.Json);
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                logs.CreateLogger(typeof(ExportEndpoints)).LogWarning("Refused a {List} export with an unreadable filter: {Reason}", fileStem, ex.Message);
                request = null;
            }
            if (request is null)
                return Results.Problem("The export link is damaged; export again from the list.", statusCode: StatusCodes.Status400BadRequest);

            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileStem}-{DateTime.UtcNow:yyyy-MM-dd}.csv\"";
            await write(request, http.RequestServices, http.Response.Body, await actor.CurrentAsync(), ct);
            return Results.Empty;
        }).RequireAuthorization(Policies.Manager);
}
