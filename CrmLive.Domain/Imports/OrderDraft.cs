using System.Globalization;
using CrmLive.Domain.Common;
using CrmLive.Domain.Orders;

namespace CrmLive.Domain.Imports;

/// <summary>One order row read and validated; the customer is found by e-mail or external id when it is written.</summary>
public sealed class OrderDraft
{
    public const int MaxItemsSummary = 500;

    public string Number { get; private init; } = "";
    public string? CustomerEmail { get; private init; }
    public string? CustomerExternalId { get; private init; }
    public DateTimeOffset PlacedAt { get; private init; }
    public decimal Amount { get; private init; }
    public string Currency { get; private init; } = "EUR";
    public SalesChannel Channel { get; private init; }
    public OrderStatus Status { get; private init; }
    public int ItemCount { get; private init; }
    public string ItemsSummary { get; private init; } = "";

    public static (OrderDraft? Draft, IReadOnlyList<FieldProblem> Problems) Read(Func<string, string?> cell)
    {
        var problems = new List<FieldProblem>();
        T Try<T>(string field, Func<T> read, T fallback)
        {
            try { return read(); }
            catch (DomainException ex) { problems.Add(new FieldProblem(field, ex.Message)); return fallback; }
        }
        string? Text(string field) => CustomerDraft.Blank(cell(field));

        var items = Text("items") is { } list ? CustomerDraft.Split(list).ToList() : [];
        var summary = string.Join(", ", items);
        if (summary.Length > MaxItemsSummary) problems.Add(new FieldProblem("items", $"The items list is too long ({MaxItemsSummary} characters at most)."));
        var count = Try("item_count", () => Text("item_count") is { } n
            ? int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) && c is > 0 and <= 100_000 ? c
                : throw new DomainException($"Item count must be a whole number from 1 (found \"{CustomerDraft.Short(n)}\").")
            : Math.Max(1, items.Count), 1);

        var email = Try("customer_email", () => Customers.ContactPoints.Email(Text("customer_email")), null);
        var externalId = Text("customer_external_id");
        if (email is null && externalId is null && !problems.Any(p => p.Field == "customer_email"))
            problems.Add(new FieldProblem("customer_email", "The row names no customer (e-mail or external id)."));

        var draft = new OrderDraft
        {
            Number = Try("number", () => Guard.NotBlank(Text("number"), "Order number", 40), ""),
            CustomerEmail = email,
            CustomerExternalId = externalId,
            PlacedAt = Try("placed_at", () => Text("placed_at") is { } d ? CustomerDraft.ParseDate(d, "Date")
                : throw new DomainException("Date is required."), default),
            Amount = Try("amount", () => ParseAmount(Text("amount")), 0m),
            Currency = Try("currency", () => Text("currency") is { } cur
                ? cur.Length == 3 && cur.All(char.IsAsciiLetter) ? cur.ToUpperInvariant()
                    : throw new DomainException($"Currency must be a three-letter code like EUR (found \"{CustomerDraft.Short(cur)}\").")
                : "EUR", "EUR"),
            Channel = Try("channel", () => Text("channel") is { } ch ? CustomerDraft.ParseEnum<SalesChannel>(ch, "Channel") : SalesChannel.Web, SalesChannel.Web),
            Status = Try("status", () => Text("status") is { } st ? CustomerDraft.ParseEnum<OrderStatus>(st, "Status") : OrderStatus.Paid, OrderStatus.Paid),
            ItemCount = count,
            ItemsSummary = summary.Length == 0 ? $"{count} item{(count == 1 ? "" : "s")}" : summary,
        };
        return (problems.Count == 0 ? draft : null, problems);
    }

    public Order Create(Guid customerId) =>
        new(customerId, Number, PlacedAt, Amount, Currency, Channel, Status, ItemCount, ItemsSummary);

    /// <summary>Amounts as spreadsheets write them: 1234.50, 1,234.50, 1234,50 or 1.234,50, with or without a symbol.</summary>
    public static decimal ParseAmount(string? text)
    {
        if (text is null) throw new DomainException("Amount is required.");
        var cleaned = new string(text.Where(c => char.IsAsciiDigit(c) || c is '.' or ',' or '-').ToArray());
        var lastDot = cleaned.LastIndexOf('.');
        var lastComma = cleaned.LastIndexOf(',');
        // The right-most separator followed by one or two digits is the decimal point; any other is grouping.
        var decimalSep = lastComma > lastDot && cleaned.Length - lastComma - 1 is 1 or 2 ? ',' : '.';
        var normalized = decimalSep == ',' ? cleaned.Replace(".", "").Replace(',', '.') : cleaned.Replace(",", "");
        if (!decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            throw new DomainException($"Amount must be a number like 1234.50 (found \"{CustomerDraft.Short(text)}\").");
        if (amount < 0) throw new DomainException("Amount cannot be negative.");
        return decimal.Round(amount, 2);
    }
}
