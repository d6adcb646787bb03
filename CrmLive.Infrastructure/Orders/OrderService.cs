using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Orders;

public sealed record NewOrder(string Number, DateTimeOffset PlacedAt, decimal Amount, string Currency, SalesChannel Channel,
    OrderStatus Status, IReadOnlyList<string> Items);

/// <summary>Orders recorded by hand (the API and imports arrive later through the same door), each on the timeline.</summary>
public sealed class OrderService(IDbContextFactory<CrmDbContext> dbFactory, ILiveEventBus bus)
{
    public async Task<Guid> AddAsync(Guid customerId, NewOrder o, CancellationToken ct = default)
    {
        var items = o.Items.Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
        if (items.Count == 0) throw new DomainException("List at least one item.");
        var summary = string.Join(", ", items);
        if (summary.Length > 500) throw new DomainException("The items list is too long (500 characters at most).");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct)
            ?? throw new DomainException("This customer no longer exists.");
        var order = new Order(customerId, o.Number, o.PlacedAt.ToUniversalTime(), o.Amount, o.Currency, o.Channel, o.Status,
            items.Count, summary);
        if (await db.Orders.AnyAsync(x => x.Number == order.Number, ct))
            throw new DomainException($"There is already an order {order.Number}.");
        db.Orders.Add(order);
        db.Timeline.Add(new TimelineEntry(customerId, order.PlacedAt, TimelineKind.Order,
            $"Order {order.Number} · {order.Currency} {order.Amount:0.00}", summary, order.Id));
        customer.SeenAt(order.PlacedAt);
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new CustomerChanged(customerId, "order"), ct);
        return order.Id;
    }

    public async Task SetStatusAsync(Guid orderId, OrderStatus status, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.SingleOrDefaultAsync(x => x.Id == orderId, ct)
            ?? throw new DomainException("That order no longer exists.");
        if (order.Status == status) return;
        var before = order.Status;
        order.SetStatus(status);
        db.Timeline.Add(new TimelineEntry(order.CustomerId, now, TimelineKind.Order, $"Order {order.Number}: {before} → {status}",
            null, order.Id));
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new CustomerChanged(order.CustomerId, "order"), ct);
    }
}
