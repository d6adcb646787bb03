using CrmLive.Domain.Bot;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Deals;
using CrmLive.Domain.Notes;
using CrmLive.Domain.Orders;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Customers;

/// <summary>The ids of one record of every kind that hangs off a customer.</summary>
internal sealed record CustomerRecords(Guid CustomerId, Guid OrderId, Guid VisitorId, Guid ConversationId,
    Guid AttachmentId, Guid NoteId, Guid TicketId, Guid DealId, string Tag, Guid AttributeId, string Marker);

/// <summary>Builds a customer with one of each kind of record, its personal data spread through them.</summary>
internal static class MergeTestData
{
    public static async Task<Customer> NewCustomerAsync(CrmLiveAppFactory app, string name, string? email, string? phone,
        IEnumerable<string>? otherEmails = null)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var customer = new Customer(name, email, phone, null, DateTimeOffset.UtcNow);
        if (otherEmails is not null) customer.SetOtherContacts(otherEmails, []);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer;
    }

    public static async Task<CustomerRecords> OneOfEachAsync(CrmLiveAppFactory app, Customer customer)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var attribute = await app.Service<CustomAttributeCatalog>().CreateAsync(AttributeTarget.Customer,
            $"Shoe size {marker}", AttributeType.Text, null, required: false);
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var inbox = await db.Inboxes.FirstAsync();

        var order = new Order(customer.Id, $"ORD-{marker}", now.AddDays(-3), 120.50m, "EUR", SalesChannel.Web,
            OrderStatus.Paid, 2, "Trail shoes");
        var visitor = new Visitor(inbox.Id, $"hash-{marker}", now);
        visitor.Introduce(customer.Name, customer.Email);
        visitor.AttachTo(customer.Id);
        var conversation = new Conversation(inbox.Id, visitor.Id, customer.Id, now);
        var attachment = new Attachment(conversation.Id, $"passport-{marker}.png", "image/png", 4, now);
        db.AddRange(order, visitor, conversation, attachment, new AttachmentContent(attachment.Id, [1, 2, 3, 4]));
        var first = conversation.Append(MessageSender.Customer, $"Hi, I'm {customer.Name}, call me on {customer.Phone} or {customer.Email}", now);
        var reply = conversation.Append(MessageSender.Agent, $"Thanks {customer.Name}, we'll write to {customer.Email}.", now, authorId: "x", authorName: "Agent A");
        var file = conversation.Append(MessageSender.Customer, "my passport", now, attachmentId: attachment.Id);
        db.Messages.AddRange(first, reply, file);
        db.BotDecisions.Add(new BotDecision(conversation.Id, first.Seq, first.Text, new BotReply("Hello", "greeting", false), now));
        conversation.Resolve(now);
        conversation.Rate(4, $"Great help for {customer.Name}", now);

        var note = new Note(customer.Id, "x", "Agent A", $"{customer.Name} prefers calls at {customer.Phone}", now);
        var ticket = new Ticket(customer.Id, $"Refund for {customer.Name}", TicketType.Request, TicketPriority.Normal, now,
            conversation.Id, $"Send the refund to {customer.Email}");
        var deal = new Deal(customer.Id, $"Team plan for {customer.Name}", 900m, "EUR", null, null, now);
        db.AddRange(note, ticket, deal);
        db.Timeline.AddRange(
            new TimelineEntry(customer.Id, now, TimelineKind.Order, $"Order ORD-{marker}", "Trail shoes", order.Id),
            new TimelineEntry(customer.Id, now, TimelineKind.Note, "Note by Agent A", note.Body, note.Id),
            new TimelineEntry(customer.Id, now, TimelineKind.Ticket, $"Ticket opened: {ticket.Subject}", null, ticket.Id));
        var tag = $"tag-{marker}";
        db.RecordTags.Add(new RecordTag(customer.Id, tag));
        db.CustomAttributeValues.Add(new CustomAttributeValue(customer.Id, attribute.Id, new AttributeValue($"44 {customer.Name}", null, null)));
        await db.SaveChangesAsync();
        return new CustomerRecords(customer.Id, order.Id, visitor.Id, conversation.Id, attachment.Id, note.Id, ticket.Id,
            deal.Id, tag, attribute.Id, marker);
    }
}
