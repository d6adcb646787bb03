using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Imports;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Imports;

/// <summary>
/// Customer rows into customers: found by e-mail or external id (in the database and earlier in the same file), then
/// updated or skipped as the user chose; companies named by the file are found by name or created; tags, custom
/// fields and a timeline line follow. One instance serves one run, so it keeps per-run lookups.
/// </summary>
internal sealed class CustomerImportWriter(
    ImportRun run,
    ImportMapping mapping,
    IReadOnlyList<CustomAttributeDefinition> attributes,
    IReadOnlyDictionary<string, string> staffByEmail,
    ImportRunContext context,
    TimeProvider clock) : IImportBatchWriter
{
    public async Task<BatchOutcome> WriteAsync(CrmDbContext db, IReadOnlyList<ImportRowSource> rows, bool dryRun, CancellationToken ct)
    {
        var outcome = new BatchOutcome();
        var drafts = new List<(long Row, CustomerDraft Draft, string? Key)>(rows.Count);
        foreach (var row in rows)
        {
            var (draft, problems) = CustomerDraft.Read(row.Cell, attributes);
            string? owner = null;
            if (draft?.OwnerEmail is { } ownerEmail && !staffByEmail.TryGetValue(ownerEmail, out owner))
                problems = [.. problems, new FieldProblem("owner_email", $"Nobody on the team has the e-mail {ownerEmail}.")];
            if (draft is null || problems.Count > 0)
            {
                outcome.Problems.AddRange(problems.Select(p => (row.RowNumber, p)));
                continue;
            }
            var key = mapping.DedupeBy == DuplicateKey.Email ? draft.Email : draft.ExternalId;
            if (key is null)
            {
                outcome.Problems.Add((row.RowNumber, new FieldProblem(mapping.DedupeBy == DuplicateKey.Email ? "email" : "external_id",
                    $"{(mapping.DedupeBy == DuplicateKey.Email ? "E-mail" : "External id")} is needed to recognise the customer.")));
                continue;
            }
            drafts.Add((row.RowNumber, draft, key));
        }

        var keys = drafts.Select(d => d.Key!).Distinct().ToList();
        var existing = mapping.DedupeBy == DuplicateKey.Email
            ? await db.Customers.Where(c => EF.Parameter(keys).Contains(c.Email!)).ToDictionaryAsync(c => c.Email!, ct)
            : await db.Customers.Where(c => EF.Parameter(keys).Contains(c.ExternalId!)).ToDictionaryAsync(c => c.ExternalId!, ct);
        var companies = await ResolveCompaniesAsync(db, outcome.Inserts, drafts.Select(d => d.Draft.CompanyName), dryRun, ct);
        var now = clock.GetUtcNow();
        var touched = new List<(Customer Customer, CustomerDraft Draft, bool Created)>();
        var inBatch = new Dictionary<string, Customer>();

        foreach (var (rowNumber, draft, key) in drafts)
        {
            (Guid Id, string Name)? company = draft.CompanyName is { } cn ? companies[cn.ToLowerInvariant()] : null;
            var ownerId = draft.OwnerEmail is { } oe ? staffByEmail[oe] : null;
            var found = inBatch.GetValueOrDefault(key!) ?? existing.GetValueOrDefault(key!);
            var seenEarlierInDryRun = dryRun && found is null && !context.RememberKey(key!);
            if (found is null && !seenEarlierInDryRun)
            {
                try
                {
                    var customer = draft.Create(company?.Id, company?.Name, ownerId, now);
                    inBatch[key!] = customer;
                    touched.Add((customer, draft, true));
                    outcome.Created++;
                }
                catch (Domain.Common.DomainException ex) { outcome.Problems.Add((rowNumber, new FieldProblem("name", ex.Message))); }
                continue;
            }
            if (mapping.Duplicates == DuplicateHandling.Skip)
            {
                outcome.Skipped++;
                continue;
            }
            outcome.Updated++;
            if (found is null) continue; // a dry run's repeat of an earlier row: counted, nothing to check against
            try
            {
                draft.Update(found, company?.Id, company?.Name, ownerId, now);
                touched.Add((found, draft, false));
            }
            catch (Domain.Common.DomainException ex)
            {
                outcome.Updated--;
                outcome.Problems.Add((rowNumber, new FieldProblem("email", ex.Message)));
            }
        }

        if (dryRun) return outcome;

        foreach (var (customer, _, _) in touched.Where(t => t.Created)) outcome.Inserts.Add(customer);
        await AddTagsAndAttributesAsync(db, outcome.Inserts, touched, ct);
        foreach (var group in touched.GroupBy(t => t.Customer.Id))
            outcome.Inserts.Add(new TimelineEntry(group.Key, now, TimelineKind.Profile,
                group.Any(g => g.Created) ? "Customer created by import" : "Profile updated by import", run.FileName, run.Id));
        return outcome;
    }

    private async Task AddTagsAndAttributesAsync(CrmDbContext db, PendingInserts inserts, List<(Customer Customer, CustomerDraft Draft, bool Created)> touched,
        CancellationToken ct)
    {
        var updatedIds = touched.Where(t => !t.Created).Select(t => t.Customer.Id).Distinct().ToList();
        var tagged = updatedIds.Count == 0 ? []
            : (await db.RecordTags.AsNoTracking().Where(t => EF.Parameter(updatedIds).Contains(t.RecordId))
                .Select(t => new { t.RecordId, t.Tag }).ToListAsync(ct)).Select(t => (t.RecordId, t.Tag)).ToHashSet();
        var values = updatedIds.Count == 0 || attributes.Count == 0 ? []
            : await db.CustomAttributeValues.Where(v => EF.Parameter(updatedIds).Contains(v.RecordId)).ToListAsync(ct);
        var valueIndex = values.ToDictionary(v => (v.RecordId, v.DefinitionId));

        foreach (var (customer, draft, _) in touched)
        {
            foreach (var tag in draft.Tags)
                if (tagged.Add((customer.Id, tag))) inserts.Add(new RecordTag(customer.Id, tag));
            foreach (var (definitionId, value) in draft.Attributes)
            {
                if (valueIndex.TryGetValue((customer.Id, definitionId), out var current)) current.Set(value);
                else
                {
                    var added = new CustomAttributeValue(customer.Id, definitionId, value);
                    valueIndex[(customer.Id, definitionId)] = added;
                    inserts.Add(added);
                }
            }
        }
    }

    /// <summary>Company names → companies, found case-insensitively or created (not in a dry run).</summary>
    private async Task<Dictionary<string, (Guid Id, string Name)>> ResolveCompaniesAsync(CrmDbContext db, PendingInserts inserts, IEnumerable<string?> names, bool dryRun,
        CancellationToken ct)
    {
        var wanted = names.Where(n => n is not null).Select(n => n!).DistinctBy(n => n.ToLowerInvariant()).ToList();
        var missing = wanted.Where(n => !context.Companies.ContainsKey(n.ToLowerInvariant())).ToList();
        if (missing.Count > 0)
        {
            var exact = missing.ToList();
            var found = await db.Companies.AsNoTracking().Where(c => EF.Parameter(exact).Contains(c.Name)).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
            foreach (var c in found) context.Companies.TryAdd(c.Name.ToLowerInvariant(), (c.Id, c.Name));
            foreach (var name in missing.Where(n => !context.Companies.ContainsKey(n.ToLowerInvariant())))
            {
                var company = new Company(name, null, clock.GetUtcNow());
                if (!dryRun) inserts.Add(company);
                context.Companies[name.ToLowerInvariant()] = (company.Id, company.Name);
            }
        }
        return wanted.ToDictionary(n => n.ToLowerInvariant(), n => context.Companies[n.ToLowerInvariant()]);
    }
}
