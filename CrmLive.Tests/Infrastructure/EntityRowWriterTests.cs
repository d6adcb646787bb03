using System.Data.Common;
using CrmLive.Domain.Analytics;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CrmLive.Tests.Infrastructure;

/// <summary>
/// The bulk writer (imports, benchmark data) must store exactly what EF stores: each entity is written both ways and
/// the rows compared column by column, value and stored type (on SQLite: integer, real, text or blob), so a GUID
/// written as a blob or a lower-case string, or a date in another format, fails here.
/// </summary>
[Trait("Database", "Any")]
public class EntityRowWriterTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private static readonly DateTimeOffset When = new(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    private Task<CrmDbContext> ContextAsync() => app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task EveryImportedKindOfRow_IsStoredExactlyAsEfStoresIt()
    {
        var company = new Company($"Row Writer {Guid.NewGuid():N}", "rowwriter.example", When);
        var customer = new Customer("Ana Müller-Lima", $"ana.{Guid.NewGuid():N}@rowwriter.example", "+351 912 345 678", company.Id, When, company.Name);
        customer.SetExternalId($"EXT-{Guid.NewGuid():N}");
        customer.SetOtherContacts(["ana@home.example"], ["+49 30 1234"]);
        customer.SetAddress(Address.Create("Rua Augusta 1", "Lisbon", "1100-048", "pt"));
        customer.SetLocale("pt", "Europe/Lisbon");
        customer.MoveToStage(LifecycleStage.Lead);
        customer.SetConsent(marketingEmail: true, proactiveChat: false, When);
        customer.SetRfm(new RfmScore(5, 4, 3), When);
        customer.SetMetrics(new CustomerMetrics("Champions", 87, "Gold", 1234.56m, 0.125, 4.5, When));
        var number = new CustomAttributeDefinition(AttributeTarget.Customer, $"Seats {Guid.NewGuid():N}"[..20], AttributeType.Number, null, false, 1);
        var date = new CustomAttributeDefinition(AttributeTarget.Customer, $"Renewal {Guid.NewGuid():N}"[..20], AttributeType.Date, null, false, 2);
        await using (var db = await ContextAsync())
        {
            db.CustomAttributes.AddRange(number, date);
            await db.SaveChangesAsync();
        }
        var order = new Order(customer.Id, $"RW-{Guid.NewGuid():N}"[..16], When, 99.95m, "EUR", SalesChannel.Web, OrderStatus.Delivered, 2, "2 × Mug");

        await AssertSameBothWaysAsync(company, "Id", company.Id);
        await AssertSameBothWaysAsync(customer, "Id", customer.Id);
        await AssertSameBothWaysAsync(new RecordTag(customer.Id, "VIP"), "RecordId", customer.Id);
        await AssertSameBothWaysAsync(new TimelineEntry(customer.Id, When, TimelineKind.Profile, "Created by import", "people.csv", Guid.NewGuid()), "CustomerId", customer.Id);
        // Empty text stays empty text, not NULL.
        var emptyDetail = $"Empty detail {Guid.NewGuid():N}";
        await AssertSameBothWaysAsync(new TimelineEntry(customer.Id, When, TimelineKind.Note, emptyDetail, "", null), "Title", emptyDetail);
        await AssertSameBothWaysAsync(new CustomAttributeValue(customer.Id, number.Id, new AttributeValue(null, 12.5m, null)), "DefinitionId", number.Id);
        await AssertSameBothWaysAsync(new CustomAttributeValue(customer.Id, date.Id, new AttributeValue(null, null, new DateOnly(2027, 1, 31))), "DefinitionId", date.Id);
        await AssertSameBothWaysAsync(order, "Id", order.Id);
        await AssertSameBothWaysAsync(new OrderLine(order.Id, "MUG-01", "Mug \"Lisboa\"", 2, 19.99m), "OrderId", order.Id);
    }

    [Fact]
    public async Task OnSqlite_RowsAreBoundByPosition()
    {
        await using var db = await ContextAsync();
        await db.Database.OpenConnectionAsync();
        using var writer = new EntityRowWriter(db, db.Database.GetDbConnection(), typeof(Customer));
        Assert.Equal(db.Database.IsSqlite(), writer.BindsByPosition);
    }

    /// <summary>Writes the entity with the bulk writer, reads its row, deletes it, saves it with EF and reads it again.</summary>
    private async Task AssertSameBothWaysAsync<T>(T entity, string keyProperty, object key) where T : class
    {
        List<(string Column, object? Value, Type Type)> written, saved;
        await using (var db = await ContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var inserts = new PendingInserts();
            inserts.Add(entity);
            await inserts.WriteAsync(db, default);
            await tx.CommitAsync();
        }
        await using (var db = await ContextAsync())
        {
            written = await ReadRowAsync(db, typeof(T), keyProperty, key);
            var delete = $"DELETE FROM {Where(db, typeof(T), keyProperty, key)}"; // names from the model, the key as EF renders it
            await db.Database.ExecuteSqlRawAsync(delete);
        }
        await using (var db = await ContextAsync())
        {
            db.Add(entity);
            await db.SaveChangesAsync();
        }
        await using (var db = await ContextAsync()) saved = await ReadRowAsync(db, typeof(T), keyProperty, key);

        Assert.Equal(saved.Count, written.Count);
        for (var i = 0; i < saved.Count; i++)
        {
            Assert.True(Equals(saved[i].Value, written[i].Value) && saved[i].Type == written[i].Type,
                $"{typeof(T).Name}.{saved[i].Column}: EF stored {saved[i].Value} ({saved[i].Type.Name}), the bulk writer {written[i].Value} ({written[i].Type.Name})");
        }
    }

    private static async Task<List<(string Column, object? Value, Type Type)>> ReadRowAsync(CrmDbContext db, Type entity, string keyProperty, object key)
    {
        var entityType = db.Model.FindEntityType(entity)!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetFlattenedProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .Select(p => p.GetColumnName(table)!).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM {Where(db, entity, keyProperty, key)}";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No {entity.Name} row was written.");
        var row = columns.Select((c, i) => (c, reader.IsDBNull(i) ? null : Comparable(reader.GetValue(i)), reader.GetFieldType(i))).ToList();
        Assert.False(await reader.ReadAsync(), $"More than one {entity.Name} row matched.");
        return row;
    }

    /// <summary>PostgreSQL arrays compare by their elements.</summary>
    private static object Comparable(object value) =>
        value is Array array ? string.Join("\u001f", array.Cast<object>()) : value;

    private static string Where(CrmDbContext db, Type entity, string keyProperty, object key)
    {
        var entityType = db.Model.FindEntityType(entity)!;
        var property = entityType.FindProperty(keyProperty)!;
        var literal = property.GetRelationalTypeMapping().GenerateSqlLiteral(key);
        return $"\"{entityType.GetTableName()}\" WHERE \"{property.GetColumnName()}\" = {literal}";
    }
}
