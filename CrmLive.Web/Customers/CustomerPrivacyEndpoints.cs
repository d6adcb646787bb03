using CrmLive.Domain.Common;
using CrmLive.Infrastructure.Customers.Gdpr;
using CrmLive.Infrastructure.Identity;
using CrmLive.Web.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmLive.Web.Customers;

public static class CustomerPrivacyEndpoints
{
    public static string ExportRoute(Guid customerId) => $"/customers/{customerId}/export.zip";

    /// <summary>GDPR data export of one customer as a ZIP, for Managers and Admins.</summary>
    public static IEndpointRouteBuilder MapCustomerPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/customers/{id:guid}/export.zip", ExportAsync)
            .RequireAuthorization(Policies.Manager)
            .WithSummary("Download one customer's data (GDPR) as a ZIP of JSON files")
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ExportAsync(Guid id,
        CustomerDataExporter exporter, AuditActorAccessor actors, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        // The archive is built in a temporary file (ZipArchive writes its directory synchronously), then streamed;
        // memory stays flat however many messages and files the customer has.
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"crmlive-export-{Guid.NewGuid():N}.zip"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await exporter.WriteAsync(id, file, await actors.CurrentAsync(), ct);
            file.Position = 0;
            return TypedResults.File(file, "application/zip", CustomerDataExporter.FileName(id, clock.GetUtcNow()));
        }
        catch (DomainException ex)
        {
            await file.DisposeAsync();
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "No such customer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await file.DisposeAsync();
            logs.CreateLogger(typeof(CustomerPrivacyEndpoints)).LogError(ex, "Exporting customer {CustomerId} failed", id);
            return TypedResults.Problem("The export failed; please try again.", statusCode: StatusCodes.Status500InternalServerError);
        }
    }
}
