using System.Globalization;
using System.Runtime.CompilerServices;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Customers;

/// <summary>
/// The customer list as CSV: the same filter, search, sort and custom-field columns as the screen, streamed to the
/// response as rows are read; every export is audited.
/// </summary>
public sealed class CustomerCsvExport(CustomerQueries queries, CustomAttributeCatalog catalog, StaffDirectory staff,
    AuditLog audit, ILogger<CustomerCsvExport> logger)
{
    public async Task<long> WriteAsync(CustomerListQuery query, Stream output, AuditActor actor, CancellationToken ct = default)
    {
        var definitions = (await catalog.ListAsync(AttributeTarget.Customer, ct))
            .Where(d => query.AttributeColumns?.Contains(d.Id) == true).ToList();
        var owners = (await staff.AllAsync(ct)).ToDictionary(s => s.Id, s => s.DisplayName);
        var rows = await ListCsv.WriteAsync(output,
            ["Name", "E-mail", "Phone", "Company", "Stage", "Owner", "Tags", "Segment", "Loyalty tier", "RFM", "Customer since",
                "Last seen", .. definitions.Select(d => d.Label)],
            Rows(query, definitions.Select(d => d.Id).ToList(), owners, ct), ct);
        await audit.WriteAsync(actor, AuditActions.ListExported, "Customer list",
            $"{rows} rows{(string.IsNullOrWhiteSpace(query.Search) ? "" : $", search \"{query.Search}\"")}{(query.Filter is { IsEmpty: false } ? ", filtered" : "")}", ct);
        logger.LogInformation("Customer list exported by {Actor}: {Rows} rows", actor.Name, rows);
        return rows;
    }

    private async IAsyncEnumerable<string[]> Rows(CustomerListQuery query, List<Guid> columns, Dictionary<string, string> owners,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var r in queries.ExportAsync(query with { Page = 0 }, ct))
            yield return [r.Name, r.Email ?? "", r.Phone ?? "", r.CompanyName ?? "", r.Stage.ToString(),
                r.OwnerId is { } o && owners.TryGetValue(o, out var name) ? name : "", string.Join("; ", r.Tags),
                r.Segment ?? "", r.LoyaltyTier ?? "", r.RfmRecency is { } rr ? $"{rr}{r.RfmFrequency}{r.RfmMonetary}" : "",
                r.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.LastSeenAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                .. columns.Select(c => r.Attributes.GetValueOrDefault(c) ?? "")];
    }
}
