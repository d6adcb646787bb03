using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Companies;
using CrmLive.Infrastructure.Customers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmLive.Web.Api;

/// <summary><c>/api/v1/companies</c>: search and page, read, create and change companies.</summary>
internal static class CompaniesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var companies = api.MapGroup("/companies").WithTags("Companies");
        companies.MapGet("/", ListAsync).WithName("ListCompanies")
            .WithSummary("Search and page companies")
            .WithDescription("Search matches the start of the name or domain. Sort by name, domain, industry, employees or createdAt.");
        companies.MapGet("/{id:guid}", GetAsync).WithName("GetCompany").WithSummary("One company");
        companies.MapPost("/", CreateAsync).WithName("CreateCompany").RequireAuthorization(ApiAuth.WritePolicy)
            .WithSummary("Create a company")
            .WithDescription("name is required. A domain already on file is a 409 conflict.");
        companies.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateCompany").RequireAuthorization(ApiAuth.WritePolicy)
            .WithSummary("Change some of a company's fields")
            .WithDescription("Fields left out or null stay as they are; an empty string clears a text field.");
    }

    private static async Task<Results<Ok<ApiPage<CompanyRow>>, ValidationProblem>> ListAsync(CompanyQueries queries,
        string? search, string? sort, bool descending = false, string? stage = null, string? ownerId = null,
        string? tag = null, int page = 0, int pageSize = ApiPaging.DefaultSize, CancellationToken ct = default)
    {
        var errors = new ApiResults.Errors();
        ApiPaging.Validate(errors, page, pageSize, CustomerQueries.MaxPageSize);
        var sortBy = ApiEnums.Parse<CompanySort>(errors, "sort", sort) ?? CompanySort.Name;
        var stageIs = ApiEnums.Parse<LifecycleStage>(errors, "stage", stage);
        if (errors.Any) return errors.ToResult();
        var result = await queries.ListAsync(new CompanyListQuery(search, sortBy, descending, page, pageSize,
            ownerId is { Length: > 0 } ? ownerId : null, stageIs, tag), ct);
        return TypedResults.Ok(ApiPaging.Numbered(result.Items, page, pageSize, result.TotalCount, result.Capped));
    }

    private static async Task<Results<Ok<CompanyProfile>, ProblemHttpResult>> GetAsync(Guid id, CompanyQueries queries,
        CancellationToken ct) =>
        await queries.GetAsync(id, ct) is { } company ? TypedResults.Ok(company) : ApiResults.NotFound("company");

    private static async Task<Results<Created<CompanyProfile>, ValidationProblem>> CreateAsync(CompanyChanges company,
        CompanyEditor editor, CompanyQueries queries, CancellationToken ct)
    {
        var errors = Validate(company, creating: true);
        if (errors.Any) return errors.ToResult();
        var id = await editor.CreateAsync(company, ct);
        return TypedResults.Created($"/api/v1/companies/{id}", await queries.GetAsync(id, ct));
    }

    private static async Task<Results<Ok<CompanyProfile>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid id,
        CompanyChanges changes, CompanyEditor editor, CompanyQueries queries, CancellationToken ct)
    {
        if (await queries.GetAsync(id, ct) is null) return ApiResults.NotFound("company");
        var errors = Validate(changes, creating: false);
        if (errors.Any) return errors.ToResult();
        await editor.UpdateAsync(id, changes, ct);
        return TypedResults.Ok((await queries.GetAsync(id, ct))!);
    }

    private static ApiResults.Errors Validate(CompanyChanges c, bool creating)
    {
        var errors = new ApiResults.Errors();
        if (creating || c.Name is not null) errors.Check("name", () => Guard.NotBlank(c.Name, "Name", 200));
        if (c.Domain is { Length: > 0 } domain) errors.Check("domain", () => new Company("x", domain, default));
        if (c.Industry is { Length: > 0 } industry) errors.Check("industry", () => Guard.NotBlank(industry, "Industry", 100));
        if (c.Employees is < 0) errors.Add("employees", "Employees cannot be negative.");
        errors.Check("phone", () => ContactPoints.Phone(c.Phone));
        if (c.Address is { } a) errors.Check("address", () => Address.Create(a.Street, a.City, a.PostalCode, a.Country));
        return errors;
    }
}
