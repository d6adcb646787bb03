using System.Globalization;
using System.Runtime.CompilerServices;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Companies;

/// <summary>The company list as CSV with the screen's search, filters and custom-field columns; audited.</summary>
public sealed class CompanyCsvExport(CompanyQueries queries, CustomAttributeCatalog catalog, StaffDirectory staff,
    AuditLog audit, ILogger<CompanyCsvExport> logger)
{
    public async Task<long> WriteAsync(CompanyListQuery query, Stream output, AuditActor actor, CancellationToken ct = default)
    {
        var definitions = (await catalog.ListAsync(AttributeTarget.Company, ct))
            .Where(d => query.AttributeColumns?.Contains(d.Id) == true).ToList();
        var owners = (await staff.AllAsync(ct)).ToDictionary(s => s.Id, s => s.DisplayName);
        var rows = await ListCsv.WriteAsync(output,
            ["Name", "Domain", "Industry", "Employees", "Stage", "Owner", "Tags", "Customers", "Created", .. definitions.Select(d => d.Label)],
            Rows(query, definitions.Select(d => d.Id).ToList(), owners, ct), ct);
        await audit.WriteAsync(actor, AuditActions.ListExported, "Company list", $"{rows} rows", ct);
        logger.LogInformation("Company list exported by {Actor}: {Rows} rows", actor.Name, rows);
        return rows;
    }

    /// <summary>Tens of thousands of companies at most: the list's own pages, 200 at a time.</summary>
    private async IAsyncEnumerable<string[]> Rows(CompanyListQuery query, List<Guid> columns, Dictionary<string, string> owners,
        [EnumeratorCancellation] CancellationToken ct)
    {
        for (var page = 0; ; page++)
        {
            var rows = await queries.ListAsync(query with { Page = page, PageSize = CustomerQueries.MaxPageSize }, ct);
            foreach (var r in rows.Items)
                yield return [r.Name, r.Domain ?? "", r.Industry ?? "", r.Employees?.ToString(CultureInfo.InvariantCulture) ?? "",
                    r.Stage.ToString(), r.OwnerId is { } o && owners.TryGetValue(o, out var name) ? name : "",
                    string.Join("; ", r.Tags), r.Customers.ToString(CultureInfo.InvariantCulture),
                    r.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    .. columns.Select(c => r.Attributes.GetValueOrDefault(c) ?? "")];
            if (rows.Items.Count < CustomerQueries.MaxPageSize) yield break;
        }
    }
}
