using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Deals;
using CrmLive.Domain.Live;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Chat;

/// <summary>Turns a conversation into follow-up work on the customer's record: a ticket or a deal.</summary>
public sealed class RecordsFromChat(IDbContextFactory<CrmDbContext> dbFactory, ILiveEventBus bus, TimeProvider clock)
{
    public async Task<Guid> CreateTicketAsync(Guid conversationId, string subject, TicketType type,
        TicketPriority priority, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customerId = await CustomerOfAsync(db, conversationId, ct);
        var now = clock.GetUtcNow();
        var ticket = Validated(() => new Ticket(customerId, subject, type, priority, now, conversationId));
        db.Tickets.Add(ticket);
        db.Timeline.Add(new TimelineEntry(customerId, now, TimelineKind.Ticket, $"Ticket opened: {ticket.Subject}",
            $"{type} · {priority} priority, from a chat", ticket.Id));
        await db.SaveChangesAsync(ct);
        return ticket.Id;
    }

    public async Task<Guid> CreateDealAsync(Guid conversationId, string title, decimal amount, string currency,
        DateOnly? expectedClose, string ownerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customerId = await CustomerOfAsync(db, conversationId, ct);
        var now = clock.GetUtcNow();
        var deal = Validated(() => new Deal(customerId, title, amount, currency, ownerId, expectedClose, now, conversationId));
        db.Deals.Add(deal);
        db.Timeline.Add(new TimelineEntry(customerId, now, TimelineKind.Deal, $"Deal opened: {deal.Title}",
            $"{deal.Amount:0.00} {deal.Currency}, from a chat", deal.Id));
        await db.SaveChangesAsync(ct);
        // Open pipeline boards show it at once.
        await bus.PublishAsync(new DealChanged(deal.Id, customerId, deal.Stage), ct);
        return deal.Id;
    }

    private static async Task<Guid> CustomerOfAsync(CrmDbContext db, Guid conversationId, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.CustomerId }).SingleOrDefaultAsync(ct)
            ?? throw new ChatException("That conversation no longer exists.");
        return conversation.CustomerId
            ?? throw new ChatException("This visitor isn't linked to a customer record yet, so there is nobody to file it under.");
    }

    private static T Validated<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
    }
}
