using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Orders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmLive.Web.Api;

/// <summary><c>/api/v1/customers</c>: search and page, read, create and change customers.</summary>
internal static class CustomersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapGet("/", ListAsync).WithName("ListCustomers")
            .WithSummary("Search and page customers")
            .WithDescription("Search matches name, e-mail, phone or company as you type. Filters combine with AND. "
                + "Sort by name, email, company, createdAt or lastSeenAt. Totals of a search or filter stop counting at "
                + "1,000 / 10,000 (page.totalIsLowerBound).");
        customers.MapGet("/{id:guid}", GetAsync).WithName("GetCustomer")
            .WithSummary("One customer's profile, with order and conversation counts and computed metrics");
        customers.MapPost("/", CreateAsync).WithName("CreateCustomer").RequireAuthorization(ApiAuth.WritePolicy)
            .WithSummary("Create a customer")
            .WithDescription("name is required. An e-mail or externalId already on file is a 409 conflict.");
        customers.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateCustomer").RequireAuthorization(ApiAuth.WritePolicy)
            .WithSummary("Change some of a customer's fields")
            .WithDescription("Fields left out or null stay as they are; an empty string clears a text field; "
                + "companyId 00000000-0000-0000-0000-000000000000 removes the company; tags and address are replaced whole.");
        customers.MapGet("/{id:guid}/orders", OrdersApi.ListForCustomerAsync).WithName("ListCustomerOrders")
            .WithSummary("One customer's orders, oldest first, cursor-paged");
    }

    private static async Task<Results<Ok<ApiPage<CustomerRow>>, ValidationProblem>> ListAsync(CustomerQueries queries,
        string? search, string? sort, bool descending = false, string? tag = null, string? ownerId = null,
        string? stage = null, Guid? companyId = null, string? segment = null, DateOnly? createdFrom = null,
        DateOnly? createdTo = null, int page = 0, int pageSize = ApiPaging.DefaultSize, CancellationToken ct = default)
    {
        var errors = new ApiResults.Errors();
        ApiPaging.Validate(errors, page, pageSize, CustomerQueries.MaxPageSize);
        var sortBy = ApiEnums.Parse<CustomerSort>(errors, "sort", sort) ?? CustomerSort.Name;
        var stageIs = ApiEnums.Parse<LifecycleStage>(errors, "stage", stage);
        if (errors.Any) return errors.ToResult();
        var filter = new CustomerFilter
        {
            Tags = tag is { Length: > 0 } ? [tag] : [],
            OwnerId = ownerId is { Length: > 0 } ? ownerId : null,
            Stage = stageIs,
            CompanyId = companyId,
            Segment = segment is { Length: > 0 } ? segment : null,
            CreatedFrom = createdFrom,
            CreatedTo = createdTo,
        };
        var result = await queries.ListAsync(new CustomerListQuery(search, sortBy, descending, page, pageSize,
            filter.IsEmpty ? null : filter), ct);
        return TypedResults.Ok(ApiPaging.Numbered(result.Items, page, pageSize, result.TotalCount, result.Capped));
    }

    private static async Task<Results<Ok<CustomerProfile>, ProblemHttpResult>> GetAsync(Guid id, CustomerQueries queries,
        CancellationToken ct) =>
        await queries.GetProfileAsync(id, ct) is { } profile ? TypedResults.Ok(profile) : ApiResults.NotFound("customer");

    private static async Task<Results<Created<CustomerProfile>, ValidationProblem>> CreateAsync(CustomerChanges customer,
        CustomerEditor editor, CustomerQueries queries, CancellationToken ct)
    {
        var errors = Validate(customer, creating: true);
        if (errors.Any) return errors.ToResult();
        var id = await editor.CreateAsync(customer, ct);
        return TypedResults.Created($"/api/v1/customers/{id}", await queries.GetProfileAsync(id, ct));
    }

    private static async Task<Results<Ok<CustomerProfile>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid id,
        CustomerChanges changes, CustomerEditor editor, CustomerQueries queries, CancellationToken ct)
    {
        if (await queries.FindIdAsync(id, null, null, ct) is null) return ApiResults.NotFound("customer");
        var errors = Validate(changes, creating: false);
        if (errors.Any) return errors.ToResult();
        await editor.UpdateAsync(id, changes, ct);
        return TypedResults.Ok((await queries.GetProfileAsync(id, ct))!);
    }

    /// <summary>The entity's own rules, run field by field so each message is filed under its field.</summary>
    private static ApiResults.Errors Validate(CustomerChanges c, bool creating)
    {
        var errors = new ApiResults.Errors();
        if (creating || c.Name is not null) errors.Check("name", () => Guard.NotBlank(c.Name, "Name", 200));
        errors.Check("email", () => ContactPoints.Email(c.Email));
        errors.Check("phone", () => ContactPoints.Phone(c.Phone));
        if (c.OtherEmails is { } emails) errors.Check("otherEmails", () => ContactPoints.Emails(emails));
        if (c.OtherPhones is { } phones) errors.Check("otherPhones", () => ContactPoints.Phones(phones));
        if (c.ExternalId is { Length: > 0 } externalId) errors.Check("externalId", () => Guard.NotBlank(externalId, "External id", 100));
        if (c.Address is { } a) errors.Check("address", () => Address.Create(a.Street, a.City, a.PostalCode, a.Country));
        errors.Check("language", () => Locale.Language(c.Language));
        errors.Check("timeZone", () => Locale.TimeZone(c.TimeZone));
        return errors;
    }
}

internal static class ApiEnums
{
    /// <summary>Parses an enum named in a query string (any case); a wrong name is filed as a field error.</summary>
    public static T? Parse<T>(ApiResults.Errors errors, string field, string? value) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) return parsed;
        errors.Add(field, $"{field} must be one of: {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }
}
