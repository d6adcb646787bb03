using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Orders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmLive.Web.Api;

/// <summary>
/// An order pushed by a shop or ERP. The customer is named by <c>customerId</c>, <c>customerEmail</c> or
/// <c>customerExternalId</c> (the first given wins). <c>placedAt</c> defaults to now, <c>channel</c> to Web,
/// <c>status</c> to Placed.
/// <c>items</c> may be left out when <c>lines</c> name the products.
/// </summary>
public sealed record CreateOrderRequest(
    Guid? CustomerId,
    string? CustomerEmail,
    string? CustomerExternalId,
    string? Number,
    DateTimeOffset? PlacedAt,
    decimal? Amount,
    string? Currency,
    string? Channel,
    string? Status,
    IReadOnlyList<string>? Items,
    IReadOnlyList<OrderLineRequest>? Lines = null);

/// <summary>A product on the order; SKUs are kept upper-case. Lines feed next best offers and product audiences.</summary>
public sealed record OrderLineRequest(string? Sku, string? Name, int? Quantity, decimal? UnitPrice);

/// <summary><c>/api/v1/orders</c>: push orders and read them back by date.</summary>
internal static class OrdersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");
        orders.MapGet("/", ListAsync).WithName("ListOrders")
            .WithSummary("All orders by date, oldest first, cursor-paged")
            .WithDescription("from (inclusive) and to (exclusive) are instants (ISO 8601). Pass page.nextCursor as cursor "
                + "for the next page; it stays valid while orders are added.");
        orders.MapGet("/{id:guid}", GetAsync).WithName("GetOrder").WithSummary("One order");
        orders.MapPost("/", CreateAsync).WithName("CreateOrder").RequireAuthorization(ApiAuth.WritePolicy)
            .WithSummary("Push an order")
            .WithDescription("Order numbers are unique: pushing a number again is a 409 conflict. Send an Idempotency-Key "
                + "header to retry safely: the retry gets the first answer and nothing is written twice.");
    }

    internal static async Task<Results<Ok<ApiPage<OrderDetails>>, ValidationProblem, ProblemHttpResult>> ListForCustomerAsync(
        Guid id, CustomerQueries customers, OrderService orders, string? cursor, int pageSize = ApiPaging.DefaultSize,
        CancellationToken ct = default)
    {
        if (await customers.FindIdAsync(id, null, null, ct) is null) return ApiResults.NotFound("customer");
        return await PageAsync(orders, new OrderListQuery(CustomerId: id), cursor, pageSize, ct);
    }

    private static Task<Results<Ok<ApiPage<OrderDetails>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        OrderService orders, DateTimeOffset? from, DateTimeOffset? to, string? status, Guid? customerId, string? cursor,
        int pageSize = ApiPaging.DefaultSize, CancellationToken ct = default)
    {
        var errors = new ApiResults.Errors();
        var statusIs = ApiEnums.Parse<OrderStatus>(errors, "status", status);
        if (from > to) errors.Add("to", "to must be after from.");
        return errors.Any
            ? Task.FromResult<Results<Ok<ApiPage<OrderDetails>>, ValidationProblem, ProblemHttpResult>>(errors.ToResult())
            : PageAsync(orders, new OrderListQuery(customerId, from, to, statusIs), cursor, pageSize, ct);
    }

    private static async Task<Results<Ok<ApiPage<OrderDetails>>, ValidationProblem, ProblemHttpResult>> PageAsync(
        OrderService orders, OrderListQuery query, string? cursor, int pageSize, CancellationToken ct)
    {
        var errors = new ApiResults.Errors();
        ApiPaging.Validate(errors, null, pageSize, CustomerQueries.MaxPageSize);
        if (!ApiPaging.TryDecode<OrderCursor>(cursor, out var after)) errors.Add("cursor", "cursor is not one this API gave out.");
        if (errors.Any) return errors.ToResult();
        var page = await orders.ListAsync(query with { After = after, PageSize = pageSize }, ct);
        return TypedResults.Ok(new ApiPage<OrderDetails>(page.Items, new PageInfo(null, pageSize, null, false,
            page.Next is not null, page.Next is { } next ? ApiPaging.Encode(next) : null)));
    }

    private static async Task<Results<Ok<OrderDetails>, ProblemHttpResult>> GetAsync(Guid id, OrderService orders,
        CancellationToken ct) =>
        await orders.GetAsync(id, ct) is { } order ? TypedResults.Ok(order) : ApiResults.NotFound("order");

    private static async Task<Results<Created<OrderDetails>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateOrderRequest order, CustomerQueries customers, OrderService orders, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ApiResults.Errors();
        if (order.CustomerId is null && string.IsNullOrWhiteSpace(order.CustomerEmail)
            && string.IsNullOrWhiteSpace(order.CustomerExternalId))
            errors.Add("customerId", "Name the customer by customerId, customerEmail or customerExternalId.");
        if (string.IsNullOrWhiteSpace(order.Number)) errors.Add("number", "number is required.");
        else if (order.Number.Trim().Length > 40) errors.Add("number", "number must be at most 40 characters.");
        if (order.Amount is null) errors.Add("amount", "amount is required.");
        else if (order.Amount < 0) errors.Add("amount", "amount cannot be negative.");
        if (order.Currency?.Trim() is not { Length: 3 } currency || !currency.All(char.IsAsciiLetter))
            errors.Add("currency", "currency is a three-letter code like EUR.");
        if ((order.Items is null || !order.Items.Any(i => !string.IsNullOrWhiteSpace(i))) && order.Lines is not { Count: > 0 })
            errors.Add("items", "List at least one item (items or lines).");
        ValidateLines(errors, order.Lines);
        var channel = ApiEnums.Parse<SalesChannel>(errors, "channel", order.Channel) ?? SalesChannel.Web;
        var status = ApiEnums.Parse<OrderStatus>(errors, "status", order.Status) ?? OrderStatus.Placed;
        if (errors.Any) return errors.ToResult();

        var customerId = await customers.FindIdAsync(order.CustomerId, order.CustomerEmail, order.CustomerExternalId, ct);
        if (customerId is null)
            return TypedResults.Problem("No customer matches the customerId, customerEmail or customerExternalId given.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown customer");
        var id = await orders.AddAsync(customerId.Value, new NewOrder(order.Number!.Trim(), order.PlacedAt ?? clock.GetUtcNow(),
            order.Amount!.Value, order.Currency!.Trim(), channel, status, order.Items ?? [],
            order.Lines?.Select(l => new NewOrderLine(l.Sku!.Trim(), l.Name!.Trim(), l.Quantity ?? 1, l.UnitPrice ?? 0)).ToList()), ct);
        return TypedResults.Created($"/api/v1/orders/{id}", await orders.GetAsync(id, ct));
    }

    private static void ValidateLines(ApiResults.Errors errors, IReadOnlyList<OrderLineRequest>? lines)
    {
        if (lines is null) return;
        if (lines.Count > 500) errors.Add("lines", "An order has at most 500 lines.");
        for (var i = 0; i < Math.Min(lines.Count, 500); i++)
        {
            var line = lines[i];
            if (line is null)
            {
                errors.Add($"lines[{i}]", "A line cannot be empty.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(line.Sku) || line.Sku.Trim().Length > OrderLine.MaxSkuLength)
                errors.Add($"lines[{i}].sku", $"sku is required, at most {OrderLine.MaxSkuLength} characters.");
            if (string.IsNullOrWhiteSpace(line.Name) || line.Name.Trim().Length > OrderLine.MaxNameLength)
                errors.Add($"lines[{i}].name", $"name is required, at most {OrderLine.MaxNameLength} characters.");
            if (line.Quantity is < 1) errors.Add($"lines[{i}].quantity", "quantity is at least 1.");
            if (line.UnitPrice is < 0) errors.Add($"lines[{i}].unitPrice", "unitPrice cannot be negative.");
        }
    }
}
