using CrmLive.Domain.Bot;

using CrmLive.Infrastructure.Persistence;

namespace CrmLive.Infrastructure.Demo;

/// <summary>
/// The demo shop's intents, written for this project: what Northwind Outfitters' customers ask, in their words,
/// with the bot's answers.
/// </summary>
internal static class DemoIntents
{
    public static readonly IReadOnlyList<(string Name, IntentAction Action, string Answer, string[] Examples)> All =
    [
        ("order_status", IntentAction.LastOrder,
            "Let me check your latest order for you.",
            [
                "where is my order", "has my order shipped yet", "when will my parcel arrive", "track my package",
                "my order hasn't arrived", "what's the status of my order", "is my jacket on its way",
                "I ordered last week and nothing came", "can you tell me where my delivery is",
                "order number 104233 still not here", "how long until my shoes arrive", "did you send my order",
            ]),
        ("delivery_options", IntentAction.None,
            "Orders placed before 2 pm ship the same day. Standard delivery takes **2 working days** in Germany and 3–5 days across the EU; express arrives next day for €9.90. Delivery is free from €60.",
            [
                "how much is shipping", "do you ship to austria", "is there express delivery", "how long does delivery take",
                "can I get it by tomorrow", "what are the delivery costs", "do you deliver abroad",
                "is shipping free", "which courier do you use", "can I pick up in store", "delivery to switzerland",
                "how fast can you deliver",
            ]),
        ("returns", IntentAction.None,
            "You can return anything within **30 days**, free of charge. Start a return from *My orders* and we'll e-mail you a label; refunds follow within 5 working days of the parcel reaching us.",
            [
                "how do I return something", "I want to send back my boots", "return policy", "can I exchange for a bigger size",
                "the jacket doesn't fit", "how long do I have to return", "I need a return label", "refund for my return",
                "when do I get my money back", "can I return a sale item", "item arrived damaged I want to return it",
                "exchange shoes for another colour",
            ]),
        ("opening_hours", IntentAction.None,
            "Our team is here Monday to Friday, 8:00–20:00, and Saturday 9:00–16:00 (Berlin time). The shop is open online around the clock.",
            [
                "when are you open", "what time does the store close", "are you open on sunday", "opening times",
                "is the shop open today", "what are your hours", "when can I call you", "customer service hours",
                "are you open on holidays", "until when can I reach support",
            ]),
        ("payment", IntentAction.None,
            "We take Visa, Mastercard, PayPal, Klarna (pay in 30 days) and bank transfer. Payments are processed securely by our payment provider; we never see your card number.",
            [
                "can I pay with paypal", "which payment methods do you accept", "my card was declined", "can I pay later",
                "do you take klarna", "was I charged twice", "payment failed", "can I pay by invoice",
                "is it safe to pay by card", "I was charged but have no order", "pay by bank transfer",
            ]),
        ("account", IntentAction.None,
            "You can change your address, password and newsletter settings under **My account**. Forgot your password? Use *Reset password* on the sign-in page and we'll e-mail you a link.",
            [
                "I forgot my password", "how do I change my address", "can't log in", "delete my account",
                "update my email address", "reset password", "unsubscribe from the newsletter", "change my delivery address",
                "my account is locked", "how do I create an account",
            ]),
        ("complaint", IntentAction.HandOff,
            "I'm really sorry about that. I'm passing you to a colleague who can sort it out properly.",
            [
                "this is unacceptable", "I want to make a complaint", "your service is terrible", "I'm very unhappy",
                "the product broke after one day", "worst experience ever", "I want to speak to a manager",
                "you sent me the wrong item", "nobody answered my emails",
            ]),
    ];

    public static void AddTo(CrmDbContext db, DateTimeOffset now)
    {
        foreach (var (name, action, answer, examples) in All)
        {
            var intent = new Intent(name, answer, action, now);
            db.Intents.Add(intent);
            db.IntentExamples.AddRange(examples.Select(e => new IntentExample(intent.Id, e, ExampleSource.Seed, now)));
        }
    }
}
