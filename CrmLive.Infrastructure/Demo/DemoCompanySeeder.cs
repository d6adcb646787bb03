using System.Diagnostics;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Deals;
using CrmLive.Domain.Orders;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Demo;

/// <summary>
/// Builds "Northwind Outfitters", a small online shop: companies, customers, two years of orders, past chats and
/// tickets. Deterministic for a given seed and day, and written in one transaction.
/// </summary>
public sealed class DemoCompanySeeder(ILogger<DemoCompanySeeder> logger)
{
    private static readonly string[] FirstNames =
    [
        "Emma", "Noah", "Olivia", "Liam", "Ava", "Lucas", "Mia", "Mateo", "Sophie", "Elias", "Chloé", "Leon",
        "Isabella", "Hugo", "Amelia", "Jonas", "Freya", "Arjun", "Priya", "Kenji", "Aiko", "Omar", "Layla", "Diego",
        "Lucía", "Tomasz", "Zofia", "Finn", "Ingrid", "Malik", "Nora", "Ravi", "Elena", "Pablo", "Clara", "Yusuf",
        "Hannah", "Ben", "Maya", "Sven",
    ];

    private static readonly string[] LastNames =
    [
        "Müller", "Smith", "García", "Rossi", "Dubois", "Nowak", "Jansen", "Silva", "Kowalski", "Andersen",
        "Schmidt", "Johnson", "Martin", "Bernard", "Fischer", "Novak", "Costa", "Ivanova", "Larsen", "Kaya",
        "Tanaka", "Patel", "Khan", "Okafor", "Haddad", "O'Neill", "Lindqvist", "Moreau", "Weber", "Romano",
    ];

    private static readonly string[] CompanyStems =
    [
        "Alpine", "Harbor", "Cedar", "Nordic", "Summit", "Atlas", "Lumen", "Brightwater", "Ironwood", "Bluebird",
        "Granite", "Meridian", "Pioneer", "Willow", "Orbit", "Riverside", "Copper", "Evergreen", "Falcon", "Juniper",
    ];

    private static readonly string[] CompanySuffixes = ["Outdoor Club", "Logistics", "Studios", "Gear Co", "Trading",
        "Consulting", "Hotels", "Schools", "Sports", "Labs"];

    private static readonly (string Name, decimal Price)[] Products =
    [
        ("Trail running shoes", 129m), ("Rain jacket", 189m), ("Merino base layer", 79m), ("Hiking backpack 30L", 149m),
        ("Trekking poles", 69m), ("Insulated bottle", 29m), ("Down vest", 159m), ("Wool socks (3-pack)", 24m),
        ("Headlamp", 39m), ("Camping stove", 89m), ("Sleeping bag", 219m), ("Softshell pants", 99m),
        ("Sun hat", 27m), ("Gift card", 50m),
    ];

    /// <summary>What people tend to buy together (first → second), so the demo's baskets hold rules worth mining.</summary>
    private static readonly Dictionary<string, string> GoesWith = new()
    {
        ["Trail running shoes"] = "Wool socks (3-pack)",
        ["Hiking backpack 30L"] = "Trekking poles",
        ["Sleeping bag"] = "Headlamp",
        ["Camping stove"] = "Insulated bottle",
        ["Rain jacket"] = "Softshell pants",
    };

    private static string Sku(string product) => "NW-" + Slug(product).ToUpperInvariant();

    private static readonly (string Customer, string Agent)[] ChatScripts =
    [
        ("Hi, where is my order? It was supposed to arrive yesterday.", "Sorry about the delay! It's with the courier and arrives tomorrow."),
        ("Can I return shoes that I already wore outside once?", "Yes, within 30 days as long as they're clean. I've emailed you a return label."),
        ("Do you ship to Norway?", "We do — delivery takes 3–5 working days, duties included."),
        ("My discount code doesn't work at checkout.", "I've applied the discount to your order manually; you'll see it on the invoice."),
        ("Is the rain jacket true to size?", "It runs slightly large; most customers take one size down."),
        ("I was charged twice for the same order.", "You're right, I've refunded the duplicate charge. It shows in 3–5 days."),
    ];

    public async Task SeedAsync(CrmDbContext db, DemoOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(options.RandomSeed);
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var twoYearsAgo = today.AddYears(-2);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var inbox = new Inbox(DemoAccounts.DemoInboxKey, "Northwind Outfitters website",
            "Hi! 👋 How can we help you today?");
        db.Inboxes.Add(inbox);
        DemoIntents.AddTo(db, now);
        db.CannedResponses.AddRange(
            new CannedResponse("returns", "You can return anything within **30 days**, free of charge. Start a return from *My orders* and we'll e-mail you a label.", now),
            new CannedResponse("shipping", "Orders placed before 2 pm ship the same day and arrive in **2 working days** in Germany (3–5 days across the EU).", now),
            new CannedResponse("refund", "Refunds go back to your original payment method within **5 working days** of the return reaching us.", now),
            new CannedResponse("hours", "Our team is here Monday to Friday, 8:00–20:00, and Saturday 9:00–16:00 (Berlin time).", now),
            new CannedResponse("thanks", "Thanks for reaching out! Is there anything else I can help you with?", now));

        var companies = Enumerable.Range(0, Math.Max(1, options.Customers / 7))
            .Select(i =>
            {
                var name = $"{CompanyStems[i % CompanyStems.Length]} {CompanySuffixes[i / CompanyStems.Length % CompanySuffixes.Length]}";
                if (i >= CompanyStems.Length * CompanySuffixes.Length) name += $" {i / (CompanyStems.Length * CompanySuffixes.Length) + 1}";
                return new Company(name, Slug(name) + ".example", twoYearsAgo.AddDays(-random.Next(0, 900)));
            })
            .ToList();
        db.Companies.AddRange(companies);

        var customers = new List<Customer>(options.Customers);
        var orderNumber = 100_000;
        var orders = new List<Order>();
        var lines = new List<OrderLine>();
        var baskets = new Random(options.RandomSeed + 1);
        var timeline = new List<TimelineEntry>();
        for (var i = 0; i < options.Customers; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var company = random.NextDouble() < 0.7 ? companies[random.Next(companies.Count)] : null;
            var createdAt = twoYearsAgo.AddMinutes(random.Next(0, 60 * 24 * 700));
            var email = $"{Slug(first)}.{Slug(last)}{i}@{company?.Domain ?? "mail.example"}";
            var phone = $"+49 30 {random.Next(1000000, 9999999)}";
            var customer = new Customer($"{first} {last}", email, phone, company?.Id, createdAt, company?.Name);
            customer.SetExternalId(DemoAccounts.ShopUserId(i));
            customers.Add(customer);

            // A skewed order count: many one-off buyers, a loyal few; about one in eight never ordered.
            var orderCount = random.NextDouble() < 0.12 ? 0 : (int)Math.Round(Math.Pow(random.NextDouble(), 2.2) * 24) + 1;
            var span = (today - createdAt).TotalMinutes;
            for (var o = 0; o < orderCount; o++)
            {
                var placedAt = createdAt.AddMinutes(random.NextDouble() * span);
                var items = random.Next(1, 4);
                var picked = Enumerable.Range(0, items).Select(_ => Products[random.Next(Products.Length)]).ToList();
                // A separate generator pairs companions, so the rest of the company stays as it was.
                if (picked.Count >= 2 && GoesWith.TryGetValue(picked[0].Name, out var companion) && baskets.NextDouble() < 0.6)
                    picked[1] = Products.Single(p => p.Name == companion);
                var amount = picked.Sum(p => p.Price);
                var status = placedAt > today.AddDays(-3) ? OrderStatus.Paid
                    : random.NextDouble() < 0.05 ? OrderStatus.Refunded
                    : random.NextDouble() < 0.03 ? OrderStatus.Cancelled : OrderStatus.Delivered;
                var order = new Order(customer.Id, $"NW-{orderNumber++}", placedAt, amount, "EUR",
                    (SalesChannel)random.Next(0, 4), status, items, string.Join(", ", picked.Select(p => p.Name)));
                orders.Add(order);
                lines.AddRange(picked.GroupBy(p => p.Name).Select(g =>
                    new OrderLine(order.Id, Sku(g.Key), g.Key, g.Count(), g.First().Price)));
                timeline.Add(new TimelineEntry(customer.Id, placedAt, TimelineKind.Order,
                    $"Order {order.Number} · €{amount:0.00}", order.ItemsSummary, order.Id));
            }
            customer.SeenAt(orders.Count > 0 && orderCount > 0 ? orders[^1].PlacedAt : createdAt);
        }
        db.Customers.AddRange(customers);
        db.Orders.AddRange(orders);
        db.OrderLines.AddRange(lines);

        var agents = await db.Users.AsNoTracking().Where(u => u.Email!.StartsWith("agent"))
            .OrderBy(u => u.Email).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        SeedConversations(db, inbox, customers, agents.Select(a => (a.Id, a.DisplayName)).ToList(), random, today,
            timeline);
        SeedDeals(db, customers, agents.Select(a => a.Id).ToList(), random, today, timeline);
        db.Timeline.AddRange(timeline);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        logger.LogInformation(
            "Seeded demo company: {Customers} customers, {Companies} companies, {Orders} orders in {Elapsed} ms",
            customers.Count, companies.Count, orders.Count, stopwatch.ElapsedMilliseconds);
    }

    private static readonly string[] DealTitles =
        ["Team outfitting", "Club season order", "Corporate gifts", "Trail running kit", "Winter jackets", "Store display stock"];

    /// <summary>A pipeline with something in every stage, so the board has a story on first sight.</summary>
    private static void SeedDeals(CrmDbContext db, List<Customer> customers, List<string> owners, Random random,
        DateTimeOffset today, List<TimelineEntry> timeline)
    {
        var withCompany = customers.Where(c => c.CompanyId is not null).Take(24).ToList();
        for (var i = 0; i < withCompany.Count; i++)
        {
            var customer = withCompany[i];
            var created = today.AddDays(-random.Next(5, 90));
            var deal = new Deal(customer.Id, $"{DealTitles[i % DealTitles.Length]} · {customer.CompanyName}",
                random.Next(8, 120) * 100m, "EUR", owners.Count > 0 ? owners[i % owners.Count] : null,
                DateOnly.FromDateTime(today.AddDays(random.Next(-10, 60)).UtcDateTime), created);
            var stage = (DealStage)(i % 6);
            if (stage != DealStage.Lead)
                deal.MoveTo(stage, created.AddDays(random.Next(1, 5)), i, stage == DealStage.Lost ? "Went with a cheaper supplier" : null);
            db.Deals.Add(deal);
            timeline.Add(new TimelineEntry(customer.Id, created, TimelineKind.Deal, $"Deal opened: {deal.Title}",
                $"{deal.Amount:0.00} {deal.Currency}", deal.Id));
        }
    }

    private static void SeedConversations(CrmDbContext db, Inbox inbox, List<Customer> customers,
        List<(string Id, string Name)> agents, Random random, DateTimeOffset today, List<TimelineEntry> timeline)
    {
        if (customers.Count == 0) return;
        var conversationCount = Math.Min(customers.Count / 8, 400);
        for (var i = 0; i < conversationCount; i++)
        {
            var customer = customers[random.Next(customers.Count)];
            var startedAt = today.AddMinutes(-random.Next(60, 60 * 24 * 365));
            var visitor = new Visitor(inbox.Id, VisitorTokens.Hash(VisitorTokens.New()), startedAt);
            visitor.AttachTo(customer.Id);
            var conversation = new Conversation(inbox.Id, visitor.Id, customer.Id, startedAt);
            var script = ChatScripts[random.Next(ChatScripts.Length)];
            var t = startedAt;
            var messages = new List<Message>
            {
                conversation.Append(MessageSender.Customer, script.Customer, t, Guid.NewGuid().ToString("N")),
                conversation.Append(MessageSender.Bot, "Let me get a member of our team for you.", t = t.AddSeconds(2), authorName: "Bot"),
            };
            conversation.HandOff("Bot did not understand", t);
            if (agents.Count > 0)
            {
                var agent = agents[random.Next(agents.Count)];
                conversation.AssignTo(agent.Id);
                messages.Add(conversation.Append(MessageSender.Agent, script.Agent, t = t.AddMinutes(random.Next(1, 15)),
                    authorId: agent.Id, authorName: agent.Name));
                messages.Add(conversation.Append(MessageSender.Customer, "Great, thank you!", t = t.AddMinutes(2),
                    Guid.NewGuid().ToString("N")));
            }
            conversation.Resolve(t.AddMinutes(5));
            db.Visitors.Add(visitor);
            db.Conversations.Add(conversation);
            db.Messages.AddRange(messages);
            timeline.Add(new TimelineEntry(customer.Id, startedAt, TimelineKind.Conversation, "Chat",
                script.Customer, conversation.Id));

            if (i % 3 == 0)
            {
                var ticket = new Ticket(customer.Id, script.Customer.TrimEnd('.', '?'),
                    (TicketType)random.Next(0, 3), (TicketPriority)random.Next(0, 4), startedAt, conversation.Id);
                // Most were solved within hours (a few late); the recent ones are still open.
                if (startedAt < today.AddDays(-2) || random.NextDouble() < 0.8)
                {
                    var solved = startedAt.AddHours(random.NextDouble() < 0.9 ? random.Next(1, 6) : random.Next(30, 80));
                    ticket.SetStatus(TicketStatus.Closed, solved < today ? solved : today);
                }
                db.Tickets.Add(ticket);
                timeline.Add(new TimelineEntry(customer.Id, startedAt.AddMinutes(1), TimelineKind.Ticket,
                    $"Ticket: {ticket.Subject}", $"{ticket.Type} · {ticket.Priority}", ticket.Id));
            }
        }
    }

    private static string Slug(string s) => new(s.ToLowerInvariant()
        .Normalize(System.Text.NormalizationForm.FormD)
        .Where(char.IsAsciiLetterOrDigit).ToArray());
}
