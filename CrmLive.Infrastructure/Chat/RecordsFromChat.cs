using CrmLive.Domain.Common;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Deals;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Tickets;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Chat;

/// <summary>Turns a conversation into follow-up work on the customer's record: a ticket or a deal.</summary>
public sealed class RecordsFromChat(IDbContextFactory<CrmDbContext> dbFactory, TicketService tickets, DealService deals)
{
    /// <summary>Opened through <see cref="TicketService"/>, so the stored SLA policy times it like any other ticket.</summary>
    public async Task<Guid> CreateTicketAsync(Guid conversationId, string subject, TicketType type,
        TicketPriority priority, CancellationToken ct = default)
    {
        Guid customerId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            customerId = await CustomerOfAsync(db, conversationId, ct);
        try
        {
            return await tickets.CreateAsync(new NewTicket(customerId, subject, type, priority,
                ConversationId: conversationId), ct);
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
    }

    /// <summary>Opened through <see cref="DealService"/>: on the timeline and on every open pipeline board.</summary>
    public async Task<Guid> CreateDealAsync(Guid conversationId, string title, decimal amount, string currency,
        DateOnly? expectedClose, string ownerId, CancellationToken ct = default)
    {
        Guid customerId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            customerId = await CustomerOfAsync(db, conversationId, ct);
        try
        {
            return await deals.CreateAsync(new DealInput(customerId, title, amount, currency, ownerId, expectedClose,
                conversationId), ct);
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
    }

    private static async Task<Guid> CustomerOfAsync(CrmDbContext db, Guid conversationId, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.CustomerId }).SingleOrDefaultAsync(ct)
            ?? throw new ChatException("That conversation no longer exists.");
        return conversation.CustomerId
            ?? throw new ChatException("This visitor isn't linked to a customer record yet, so there is nobody to file it under.");
    }
}
