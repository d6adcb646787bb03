using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Companies;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Customers;

[Trait("Database", "Any")]
public class CompanyTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task Rename_IsCopiedToItsCustomers_SoListAndSearchFollow()
    {
        var editor = app.Service<CompanyEditor>();
        var unique = Guid.NewGuid().ToString("N")[..6];
        var id = await editor.CreateAsync($"Old Name {unique}", $"old{unique}.example");
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            for (var i = 0; i < 3; i++)
                db.Customers.Add(new Customer($"Worker {i}", null, null, id, DateTimeOffset.UtcNow, $"Old Name {unique}"));
            await db.SaveChangesAsync();
        }

        await editor.RenameAsync(id, $"Quillfeather {unique}");

        var found = await app.Service<CustomerQueries>().ListAsync(new CustomerListQuery($"quillfeather {unique}"));
        Assert.Equal(3, found.TotalCount);
        Assert.All(found.Items, r => Assert.Equal($"Quillfeather {unique}", r.CompanyName));
        Assert.Empty((await app.Service<CustomerQueries>().ListAsync(new CustomerListQuery($"old name {unique}"))).Items);
        var list = await app.Service<CompanyQueries>().ListAsync(new CompanyListQuery($"quillfeather {unique}"));
        Assert.Equal(3, Assert.Single(list.Items).Customers);
    }

    [Fact]
    public async Task CustomFields_FilterTheCompanyList_AndShowAsColumns()
    {
        var editor = app.Service<CompanyEditor>();
        var seats = await app.Service<CustomAttributeCatalog>().CreateAsync(CrmLive.Domain.Customers.Attributes.AttributeTarget.Company,
            $"Seats {Guid.NewGuid():N}"[..14], CrmLive.Domain.Customers.Attributes.AttributeType.Number, null, required: false);
        var unique = Guid.NewGuid().ToString("N")[..6];
        var big = await editor.CreateAsync($"Big {unique}", null);
        var small = await editor.CreateAsync($"Small {unique}", null);
        await editor.SetAttributeAsync(big, seats.Id, "500");
        await editor.SetAttributeAsync(small, seats.Id, "5");
        await Assert.ThrowsAsync<DomainException>(() => editor.SetAttributeAsync(small, seats.Id, "five"));

        var queries = app.Service<CompanyQueries>();
        var atLeast = await queries.ListAsync(new CompanyListQuery(null,
            Attributes: [new AttributeCondition(seats.Id, AttributeOperator.AtLeast, "100")], AttributeColumns: [seats.Id]));
        var row = Assert.Single(atLeast.Items);
        Assert.Equal(big, row.Id);
        Assert.Equal("500", row.Attributes[seats.Id]);
        var unset = await queries.ListAsync(new CompanyListQuery($"small {unique}",
            Attributes: [new AttributeCondition(seats.Id, AttributeOperator.IsNotSet, null)]));
        Assert.Empty(unset.Items);
    }

    [Fact]
    public async Task Create_And_Edit_AreValidated()
    {
        var editor = app.Service<CompanyEditor>();
        await Assert.ThrowsAsync<DomainException>(() => editor.CreateAsync(" ", null));
        await Assert.ThrowsAsync<DomainException>(() => editor.CreateAsync("Bad Domain", "not a domain"));
        var unique = Guid.NewGuid().ToString("N")[..6];
        var id = await editor.CreateAsync("Dup Co", $"https://dup{unique}.example/");
        var dup = await Assert.ThrowsAsync<DuplicateRecordException>(() => editor.CreateAsync("Dup Co Two", $"dup{unique}.example"));
        Assert.Contains("already exists", dup.Message);
        await Assert.ThrowsAsync<DomainException>(() => editor.SetDetailsAsync(id, null, null, -5, null));
        await editor.SetDetailsAsync(id, $"dup{unique}.example", "Retail", 250, "+49 30 1234567");
        var company = await app.Service<CompanyQueries>().GetAsync(id);
        Assert.Equal(250, company!.Employees);
        Assert.Equal("Retail", company.Industry);
    }
}
