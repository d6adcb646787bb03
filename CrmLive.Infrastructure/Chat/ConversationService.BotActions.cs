using System.Globalization;
using CrmLive.Domain.Bot;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Tickets;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Chat;

// What the bot does after it answers an intent: look something up, or file something for the team.
public sealed partial class ConversationService
{
    private async Task RunBotActionAsync(Guid conversationId, IntentAction action, string customerText, CancellationToken ct)
    {
        var text = action switch
        {
            IntentAction.LastOrder => await LastOrderTextAsync(conversationId, ct),
            IntentAction.OpenTicket => await OpenTicketTextAsync(conversationId, customerText, ct),
            _ => null,
        };
        if (text is not null) await AppendBotMessageAsync(conversationId, text, ct);
    }

    private async Task<string> LastOrderTextAsync(Guid conversationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customerId = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.CustomerId).SingleOrDefaultAsync(ct);
        if (customerId is null)
            return "I can only see orders when you're signed in to the shop. Sign in, or tell me your order number and a colleague will check it.";
        var last = await db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt).FirstOrDefaultAsync(ct);
        return last is null
            ? "I can't find any orders on your account yet."
            : string.Create(CultureInfo.InvariantCulture,
                $"Your latest order **{last.Number}** from {last.PlacedAt:d MMMM yyyy} ({last.Amount:0.00} {last.Currency}) is **{last.Status.ToString().ToLowerInvariant()}**.");
    }

    private async Task<string> OpenTicketTextAsync(Guid conversationId, string customerText, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId, ct);
        if (conversation.CustomerId is not { } customerId)
            return "I'll pass this to a colleague — they'll take it from here.";
        var subject = customerText.Length > 120 ? customerText[..120] : customerText;
        var ticket = new Ticket(customerId, subject, TicketType.Request, TicketPriority.Normal, clock.GetUtcNow(), conversationId);
        db.Tickets.Add(ticket);
        db.Timeline.Add(new Domain.Customers.TimelineEntry(customerId, clock.GetUtcNow(), Domain.Customers.TimelineKind.Ticket,
            $"Ticket opened by the bot: {ticket.Subject}", "From a chat", ticket.Id));
        await db.SaveChangesAsync(ct);
        return "I've opened a ticket for this; our team will get back to you by e-mail.";
    }

    /// <summary>A message from the bot outside the batch writer (follow-ups to an answer), with the usual retry.</summary>
    private async Task AppendBotMessageAsync(Guid conversationId, string text, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId, ct);
            var message = conversation.Append(MessageSender.Bot, text, clock.GetUtcNow(), authorName: "Bot");
            db.Messages.Add(message);
            if (!await TrySaveAppendAsync(db, conversationId, attempt, ct)) continue;
            await PublishMessageAsync(conversation, message, ct);
            return;
        }
    }
}
