using CrmLive.Domain.Imports;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Imports;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Imports;

[Trait("Database", "Any")]
public class OrderImportTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task Orders_FindTheirCustomers_RefuseUnknownOnes_AndARepeatedFileUpdatesInsteadOfDuplicating()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var email = $"buyer{unique}@orders.example";
        var customerId = await app.Service<CustomerEditor>().CreateAsync("Buyer", email, null, null);
        var csv = $"""
            Order number,Customer email,Order date,Total,Currency,Status,Products
            A-{unique}-1,{email},2026-03-01,"1.234,50",eur,paid,Kettle; Mug
            A-{unique}-2,{email},2026-03-05 10:30,19.90,EUR,shipped,
            A-{unique}-3,stranger{unique}@orders.example,2026-03-06,5,EUR,paid,Mug
            A-{unique}-4,{email},yesterday,5,EUR,paid,Mug
            """;
        var imports = app.Service<ImportService>();
        var runner = app.Service<ImportRunner>();

        var first = await imports.UploadAsync(ImportKind.Orders, "orders.csv", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "t", "Tester");
        Assert.Equal(["number", "customer_email", "placed_at", "amount", "currency", "status", "items"], first.Mapping.Targets);
        await imports.StartAsync(first.Run.Id, dryRun: false);
        await runner.RunAsync(first.Run.Id);
        var run = await imports.GetAsync(first.Run.Id);
        Assert.Equal((2L, 2L), (run!.Created, run.Failed));
        var errors = await imports.ErrorsAsync(first.Run.Id);
        Assert.Contains(errors, e => e.Row == 4 && e.Message.Contains("import the customers first"));
        Assert.Contains(errors, e => e.Row == 5 && e.Column == "placed_at");

        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId).OrderBy(o => o.Number).ToListAsync();
            Assert.Equal([1234.50m, 19.90m], orders.Select(o => o.Amount));
            Assert.Equal(("Kettle, Mug", 2), (orders[0].ItemsSummary, orders[0].ItemCount));
            Assert.Equal(OrderStatus.Shipped, orders[1].Status);
        }

        var again = await imports.UploadAsync(ImportKind.Orders, "orders.csv",
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv.Replace(",shipped,", ",refunded,"))), "t", "Tester");
        await imports.StartAsync(again.Run.Id, dryRun: false);
        await runner.RunAsync(again.Run.Id);
        var second = await imports.GetAsync(again.Run.Id);
        Assert.Equal((0L, 2L), (second!.Created, second.Updated));
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(2, await db.Orders.CountAsync(o => o.CustomerId == customerId));
            Assert.Equal(OrderStatus.Refunded, await db.Orders.Where(o => o.Number == $"A-{unique}-2").Select(o => o.Status).SingleAsync());
        }
    }
}
