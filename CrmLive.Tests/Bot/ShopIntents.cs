using CrmLive.Infrastructure.Bot.Classifier;

namespace CrmLive.Tests.Bot;

/// <summary>A small shop's hand-written intents, for fast classifier tests.</summary>
internal static class ShopIntents
{
    public static readonly IReadOnlyList<LabelledUtterance> Training = Build(new()
    {
        ["order_status"] =
        [
            "where is my order", "what is the status of my order", "has my order shipped yet",
            "can you check my order", "i want to know where my package is", "track my order please",
            "my order number is 12345 where is it", "is my purchase on its way", "order status", "when was my order dispatched",
        ],
        ["returns"] =
        [
            "i want to return an item", "how do i send something back", "can i get a refund",
            "the shoes do not fit i want to return them", "return policy", "how long do i have to return a product",
            "i would like my money back", "how do returns work", "send back a damaged item", "refund for my purchase",
        ],
        ["delivery"] =
        [
            "how much is shipping", "do you deliver abroad", "how long does delivery take",
            "what are the delivery costs", "can i get express delivery", "do you ship to france",
            "is shipping free", "delivery options", "next day delivery available", "which couriers do you use",
        ],
        ["opening_hours"] =
        [
            "what time do you open", "when are you open", "are you open on sunday",
            "opening hours", "what time does the store close", "are you open today",
            "holiday opening times", "is the shop open on saturday", "until what time are you open", "store hours",
        ],
        ["payment"] =
        [
            "can i pay with paypal", "which payment methods do you accept", "do you take credit cards",
            "my payment was declined", "can i pay in instalments", "is apple pay accepted",
            "i was charged twice", "pay by bank transfer", "payment failed", "can i pay cash on delivery",
        ],
    });

    /// <summary>Paraphrases not in <see cref="Training"/>.</summary>
    public static readonly IReadOnlyList<LabelledUtterance> Unseen =
    [
        new("Where's my order??", "order_status"),
        new("has my parcel been shipped", "order_status"),
        new("I'd like a refund please", "returns"),
        new("how can I return these trousers", "returns"),
        new("How long will shipping take to Germany?", "delivery"),
        new("Are you open on Sundays?", "opening_hours"),
        new("what time do you close tonight", "opening_hours"),
        new("Do you accept PayPal?", "payment"),
        new("my card payment was declined", "payment"),
    ];

    private static List<LabelledUtterance> Build(Dictionary<string, string[]> intents) =>
        intents.SelectMany(i => i.Value.Select(text => new LabelledUtterance(text, i.Key))).ToList();
}
