using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Imports;

namespace CrmLive.Web.Imports;

public static class ImportEndpoints
{
    public static string ErrorReportRoute(Guid runId) => $"/imports/{runId}/errors.csv";

    /// <summary>The per-row error report of an import, streamed as CSV (managers, like the import itself).</summary>
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/imports/{id:guid}/errors.csv", async (Guid id, ImportService imports, HttpContext http, CancellationToken ct) =>
        {
            if (await imports.GetAsync(id, ct) is not { } run) return Results.NotFound();
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition =
                $"attachment; filename=\"{Path.GetFileNameWithoutExtension(run.FileName)}-errors.csv\"";
            await imports.WriteErrorReportAsync(id, http.Response.Body, ct);
            return Results.Empty;
        }).RequireAuthorization(Policies.Manager);
        return app;
    }
}
