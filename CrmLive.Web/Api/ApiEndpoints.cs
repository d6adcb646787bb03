using System.Text.Json.Serialization;
using CrmLive.Infrastructure.Dashboards;
using CrmLive.Infrastructure.Identity;

namespace CrmLive.Web.Api;

/// <summary>
/// The REST API under <c>/api/v1</c>, for integrations with an API key and for signed-in staff with their cookie.
/// Refusals are RFC 7807 problem details; POSTs honour <c>Idempotency-Key</c>; each key has a request budget.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.AddApiAuthentication();
        builder.AddApiRateLimiting();
        builder.AddApiDocs();
        return builder;
    }

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(ApiAuth.ReadPolicy)
            .RequireRateLimiting(ApiRateLimiting.Policy)
            .AddEndpointFilter<IdempotencyFilter>()
            .AddEndpointFilter<ApiErrorFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        CustomersApi.Map(api);
        CompaniesApi.Map(api);
        OrdersApi.Map(api);
        ConversationsApi.Map(api);

        api.MapGet("/dashboard/tiles", async (DashboardQueries q, CancellationToken ct) =>
                TypedResults.Ok(await q.TilesAsync(ct)))
            .RequireAuthorization(Policies.Manager)
            .WithTags("Dashboards")
            .WithSummary("The live tiles' current figures (signed-in Managers only)");
        return app;
    }
}
