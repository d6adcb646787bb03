using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Orders;

public sealed record NewOrder(string Number, DateTimeOffset PlacedAt, decimal Amount, string Currency, SalesChannel Channel,
    OrderStatus Status, IReadOnlyList<string> Items, IReadOnlyList<NewOrderLine>? Lines = null);

/// <summary>One product on a pushed order: what rule mining and "bought A but not B" audiences read.</summary>
public sealed record NewOrderLine(string Sku, string Name, int Quantity, decimal UnitPrice);

public sealed record OrderDetails(Guid Id, Guid CustomerId, string Number, DateTimeOffset PlacedAt, decimal Amount,
    string Currency, SalesChannel Channel, OrderStatus Status, int ItemCount, string ItemsSummary);

/// <summary>Keyset position in the orders-by-date list: the last order a page ended with.</summary>
public sealed record OrderCursor(DateTimeOffset PlacedAt, Guid Id);

/// <summary>Orders oldest first (so an ERP can sync forwards), optionally one customer's, between two instants.</summary>
public sealed record OrderListQuery(Guid? CustomerId = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    OrderStatus? Status = null, OrderCursor? After = null, int PageSize = 50);

public sealed record OrderPage(IReadOnlyList<OrderDetails> Items, OrderCursor? Next);

/// <summary>Orders recorded by hand or pushed through the API, each on the timeline.</summary>
public sealed class OrderService(IDbContextFactory<CrmDbContext> dbFactory, ILiveEventBus bus)
{
    public async Task<Guid> AddAsync(Guid customerId, NewOrder o, CancellationToken ct = default)
    {
        // Lines name the items when no separate list is given.
        var items = (o.Items.Count > 0 || o.Lines is not { Count: > 0 } ? o.Items : o.Lines.Select(l => l.Name))
            .Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
        if (items.Count == 0) throw new DomainException("List at least one item.");
        var summary = string.Join(", ", items);
        if (summary.Length > 500) throw new DomainException("The items list is too long (500 characters at most).");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct)
            ?? throw new DomainException("This customer no longer exists.");
        var order = new Order(customerId, o.Number, o.PlacedAt.ToUniversalTime(), o.Amount, o.Currency, o.Channel, o.Status,
            items.Count, summary);
        if (await db.Orders.AnyAsync(x => x.Number == order.Number, ct))
            throw new DuplicateRecordException($"There is already an order {order.Number}.");
        db.Orders.Add(order);
        foreach (var line in o.Lines ?? [])
            db.OrderLines.Add(new OrderLine(order.Id, line.Sku.Trim().ToUpperInvariant(), line.Name, line.Quantity, line.UnitPrice));
        db.Timeline.Add(new TimelineEntry(customerId, order.PlacedAt, TimelineKind.Order,
            $"Order {order.Number} · {order.Currency} {order.Amount:0.00}", summary, order.Id));
        customer.SeenAt(order.PlacedAt);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same order pushed twice at once: the unique index let one in.
            if (await NumberTakenAsync(order.Number, ct))
                throw new DuplicateRecordException($"There is already an order {order.Number}.");
            throw;
        }
        await bus.PublishAsync(new CustomerChanged(customerId, "order"), ct);
        return order.Id;
    }

    private async Task<bool> NumberTakenAsync(string number, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Orders.AnyAsync(o => o.Number == number, ct);
    }

    public async Task<OrderDetails?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db.Orders.AsNoTracking().Where(o => o.Id == id)).SingleOrDefaultAsync(ct);
    }

    public async Task<OrderDetails?> FindByNumberAsync(string number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trimmed = number.Trim();
        return await Project(db.Orders.AsNoTracking().Where(o => o.Number == trimmed)).SingleOrDefaultAsync(ct);
    }

    /// <summary>Keyset-paged on (PlacedAt, Id), so the millionth order costs what the first does.</summary>
    public async Task<OrderPage> ListAsync(OrderListQuery q, CancellationToken ct = default)
    {
        var size = Math.Clamp(q.PageSize, 1, Customers.CustomerQueries.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var orders = db.Orders.AsNoTracking();
        if (q.CustomerId is { } customerId) orders = orders.Where(o => o.CustomerId == customerId);
        if (q.From is { } from) orders = orders.Where(o => o.PlacedAt >= from);
        if (q.To is { } to) orders = orders.Where(o => o.PlacedAt < to);
        if (q.Status is { } status) orders = orders.Where(o => o.Status == status);
        if (q.After is { } after)
            orders = orders.Where(o => o.PlacedAt > after.PlacedAt || (o.PlacedAt == after.PlacedAt && o.Id > after.Id));
        var items = await Project(orders.OrderBy(o => o.PlacedAt).ThenBy(o => o.Id).Take(size + 1)).ToListAsync(ct);
        var hasMore = items.Count > size;
        if (hasMore) items.RemoveAt(size);
        return new OrderPage(items, hasMore ? new OrderCursor(items[^1].PlacedAt, items[^1].Id) : null);
    }

    private static IQueryable<OrderDetails> Project(IQueryable<Order> orders) =>
        orders.Select(o => new OrderDetails(o.Id, o.CustomerId, o.Number, o.PlacedAt, o.Amount, o.Currency, o.Channel,
            o.Status, o.ItemCount, o.ItemsSummary));

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
