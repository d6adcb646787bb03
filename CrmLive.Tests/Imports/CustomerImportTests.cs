using System.Text;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Imports;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Imports;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmLive.Tests.Imports;

[Trait("Database", "Any")]
public class CustomerImportTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private static readonly string Unique = Guid.NewGuid().ToString("N")[..6];

    private ImportService Imports => app.Service<ImportService>();

    private async Task<ImportPreview> UploadAsync(string csv, ImportKind kind = ImportKind.Customers, Encoding? encoding = null,
        string name = "people.csv") =>
        await Imports.UploadAsync(kind, name, new MemoryStream((encoding ?? new UTF8Encoding(false)).GetBytes(csv)), "tester", "Test Runner");

    private async Task<ImportRunView> RunAsync(Guid runId, bool dryRun, ImportRunner? runner = null)
    {
        await Imports.StartAsync(runId, dryRun);
        await (runner ?? app.Service<ImportRunner>()).RunAsync(runId);
        return (await Imports.GetAsync(runId))!;
    }

    private async Task<List<Customer>> CustomersWithEmailsEndingAsync(string suffix)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Customers.AsNoTracking().Where(c => c.Email!.EndsWith(suffix)).OrderBy(c => c.Email).ToListAsync();
    }

    [Fact]
    public async Task DryRun_WritesNothing_RealRun_WritesExactlyTheGoodRows_WithAReport()
    {
        var domain = $"@mixed{Unique}.example";
        var csv = $"""
            Full Name,E-mail,Phone,Company,Tags,Lifecycle stage
            Ana Lima,ana{domain},+351 912 000 001,Mixed Co {Unique},vip; beta,Customer
            ,nobody{domain},,,,
            Bo Berg,not-an-email,,,,
            Cy Chen,cy{domain},+49 30 1234,Mixed Co {Unique},,Wizard
            Di Dahl,di{domain},,,newsletter,lead
            """;
        var preview = await UploadAsync(csv);
        Assert.Equal(["name", "email", "phone", "company", "tags", "stage"], preview.Mapping.Targets);
        Assert.Equal(DuplicateKey.Email, preview.Mapping.DedupeBy);

        var dry = await RunAsync(preview.Run.Id, dryRun: true);
        Assert.Equal(ImportStatus.Checked, dry.Status);
        Assert.Equal((5L, 2L, 0L, 3L), (dry.ProcessedRows, dry.Created, dry.Updated, dry.Failed));
        Assert.Empty(await CustomersWithEmailsEndingAsync(domain));
        var errors = await Imports.ErrorsAsync(preview.Run.Id);
        Assert.Equal([3L, 4L, 5L], errors.Select(e => e.Row).Distinct());
        Assert.Contains(errors, e => e.Row == 3 && e.Column == "name" && e.Message.Contains("Name is required"));
        Assert.Contains(errors, e => e.Row == 4 && e.Column == "email");
        Assert.Contains(errors, e => e.Row == 5 && e.Column == "stage" && e.Message.Contains("Lead"));

        var real = await RunAsync(preview.Run.Id, dryRun: false);
        Assert.Equal(ImportStatus.Completed, real.Status);
        Assert.Equal((2L, 3L), (real.Created, real.Failed));
        var stored = await CustomersWithEmailsEndingAsync(domain);
        Assert.Equal([$"ana{domain}", $"di{domain}"], stored.Select(c => c.Email));
        var ana = stored[0];
        Assert.Equal($"Mixed Co {Unique}", ana.CompanyName);
        Assert.NotNull(ana.CompanyId);
        Assert.Equal(LifecycleStage.Lead, stored[1].Stage);
        // Imported rows are searchable like any other (SQLite indexes a batch's new rows in one statement).
        Assert.Equal(ana.Id, Assert.Single((await app.Service<CustomerQueries>().ListAsync(new CustomerListQuery($"ana{domain}"))).Items).Id);
        Assert.Single((await app.Service<CustomerQueries>().ListAsync(new CustomerListQuery("912 000 001"))).Items);

        var report = new MemoryStream();
        await Imports.WriteErrorReportAsync(preview.Run.Id, report);
        var text = Encoding.UTF8.GetString(report.ToArray()).TrimStart('\uFEFF');
        Assert.StartsWith("row,column,problem", text);
        Assert.Contains("Name is required", text);

        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        Assert.Equal(["beta", "vip"], await db.RecordTags.Where(t => t.RecordId == ana.Id).Select(t => t.Tag).OrderBy(t => t).ToListAsync());
        Assert.True(await db.Timeline.AnyAsync(t => t.CustomerId == ana.Id && t.Title == "Customer created by import"));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "customers.imported" && a.Detail!.StartsWith("2 created")));
        await Assert.ThrowsAsync<DomainException>(() => Imports.StartAsync(preview.Run.Id, dryRun: false));
    }

    [Fact]
    public async Task Duplicates_AreUpdatedOrSkipped_AsChosen_NeverDuplicated()
    {
        var domain = $"@dedupe{Unique}.example";
        var editor = app.Service<CustomerEditor>();
        var existing = await editor.CreateAsync("Eva Old", $"eva{domain}", null, null);
        const string header = "name,email,city,external id";
        var csv = $"{header}\nEva New,EVA{domain},Porto,\nFred,fred{domain},Lisbon,\nFred Again,fred{domain},Faro,\n";

        var skip = await UploadAsync(csv);
        await Imports.SaveMappingAsync(skip.Run.Id, skip.Mapping with { Duplicates = DuplicateHandling.Skip });
        var skipped = await RunAsync(skip.Run.Id, dryRun: false);
        Assert.Equal((1L, 0L, 2L), (skipped.Created, skipped.Updated, skipped.Skipped));
        var afterSkip = await CustomersWithEmailsEndingAsync(domain);
        Assert.Equal(2, afterSkip.Count);
        Assert.Equal("Eva Old", afterSkip.Single(c => c.Id == existing).Name);

        var update = await UploadAsync(csv);
        Assert.Equal(DuplicateHandling.Update, update.Mapping.Duplicates);
        var updated = await RunAsync(update.Run.Id, dryRun: false);
        Assert.Equal((0L, 3L), (updated.Created, updated.Updated));
        var afterUpdate = await CustomersWithEmailsEndingAsync(domain);
        Assert.Equal(2, afterUpdate.Count);
        Assert.Equal(("Eva New", "Porto"), (afterUpdate.Single(c => c.Id == existing).Name, afterUpdate.Single(c => c.Id == existing).Address.City));
        Assert.Equal(("Fred Again", "Faro"), (afterUpdate.Single(c => c.Id != existing).Name, afterUpdate.Single(c => c.Id != existing).Address.City));
    }

    [Fact]
    public async Task AFailureMidBatch_LeavesNoPartOfThatBatch()
    {
        var domain = $"@batch{Unique}.example";
        var taken = $"X-{Unique}";
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            var holder = new Customer("Holder", $"holder{Unique}@elsewhere.example", null, null, DateTimeOffset.UtcNow);
            holder.SetExternalId(taken);
            db.Customers.Add(holder);
            await db.SaveChangesAsync();
        }
        // 25 rows, batches of 10; row 15 reuses an external id another customer holds, which only the database refuses.
        var rows = Enumerable.Range(1, 25).Select(i => $"Person {i},p{i}{domain},{(i == 15 ? taken : $"E-{Unique}-{i}")}");
        var preview = await UploadAsync("name,email,external_id\n" + string.Join('\n', rows));
        var runner = ActivatorUtilities.CreateInstance<ImportRunner>(app.Services,
            Options.Create(new ImportOptions { BatchSize = 10 }));

        var run = await RunAsync(preview.Run.Id, dryRun: false, runner);

        Assert.Equal(ImportStatus.Failed, run.Status);
        Assert.Contains("nothing of that batch was written", run.Error);
        var stored = await CustomersWithEmailsEndingAsync(domain);
        Assert.Equal(10, stored.Count);
        Assert.All(stored, c => Assert.InRange(int.Parse(c.Name["Person ".Length..]), 1, 10));
    }

    [Fact]
    public async Task CustomFields_AreGuessedFromHeaders_AndValidatedPerRow()
    {
        var label = $"Plan {Unique}";
        var plan = await app.Service<CustomAttributeCatalog>().CreateAsync(AttributeTarget.Customer, label, AttributeType.Choice,
            ["Free", "Pro"], required: false);
        var domain = $"@attr{Unique}.example";
        var preview = await UploadAsync($"name,email,{label}\nGil,gil{domain},pro\nHal,hal{domain},Gold\n");
        Assert.Equal(ImportFields.AttributeTarget(plan.Key), preview.Mapping.Targets[2]);
        Assert.Contains(preview.Fields, f => f.Key == ImportFields.AttributeTarget(plan.Key));

        var run = await RunAsync(preview.Run.Id, dryRun: false);

        Assert.Equal((1L, 1L), (run.Created, run.Failed));
        Assert.Contains("must be one of: Free, Pro", Assert.Single(await Imports.ErrorsAsync(preview.Run.Id)).Message);
        var gil = Assert.Single(await CustomersWithEmailsEndingAsync(domain));
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        Assert.Equal("Pro", await db.CustomAttributeValues.Where(v => v.RecordId == gil.Id && v.DefinitionId == plan.Id).Select(v => v.Text).SingleAsync());
    }

    [Fact]
    public async Task SpreadsheetFlavours_AreRead_AndUnreadableFilesGetAClearMessage()
    {
        var domain = $"@flavour{Unique}.example";
        // Excel in Europe: BOM, semicolons, a quoted field with a separator, a quote and a line break.
        var european = $"\uFEFFName;Email;Street\n\"Ida \"\"Ice\"\" Ek\";ida{domain};\"Main St; 1\nBack door\"\nJon;jon{domain};\n";
        var preview = await UploadAsync(european);
        Assert.Equal(["Name", "Email", "Street"], preview.Headers);
        var run = await RunAsync(preview.Run.Id, dryRun: false);
        Assert.Equal((2L, 0L), (run.Created, run.Failed));
        var ida = (await CustomersWithEmailsEndingAsync(domain))[0];
        Assert.Equal(("Ida \"Ice\" Ek", "Main St; 1\nBack door"), (ida.Name, ida.Address.Street));

        var escaped = await UploadAsync($"name,email,phone\nLeo,leo{domain},\"'+49 30 555\"\n");
        await RunAsync(escaped.Run.Id, dryRun: false);
        Assert.Equal("+49 30 555", (await CustomersWithEmailsEndingAsync($"leo{domain}")).Single().Phone);

        var tabs = await UploadAsync($"name\temail\nKai\tkai{domain}\n");
        Assert.Equal(["name", "email"], tabs.Mapping.Targets);

        var latin1 = await Assert.ThrowsAsync<DomainException>(() =>
            UploadAsync($"name,email\nJosé Müller,jose{domain}\n", encoding: Encoding.Latin1));
        Assert.Contains("not UTF-8", latin1.Message);
        var empty = await Assert.ThrowsAsync<DomainException>(() => UploadAsync(""));
        Assert.Contains("empty", empty.Message);

        var unmapped = await UploadAsync("foo,bar\n1,2\n");
        var problem = await Assert.ThrowsAsync<DomainException>(() => Imports.StartAsync(unmapped.Run.Id, dryRun: true));
        Assert.Contains("Map a column to Name", problem.Message);
    }
}
