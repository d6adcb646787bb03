using System.Security.Claims;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Dashboards;
using CrmLive.Infrastructure.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmLive.Web.Api;

/// <summary>The REST API under <c>/api/v1</c>. Signed-in staff for now; API keys come with integrations.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Staff);

        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapGet("/", ListCustomersAsync).WithSummary("Search and page customers");
        customers.MapGet("/{id:guid}", GetCustomerAsync).WithSummary("One customer's profile");

        var conversations = api.MapGroup("/conversations").WithTags("Conversations");
        conversations.MapGet("/{id:guid}/messages", ListMessagesAsync).WithSummary("Messages after a sequence number");
        conversations.MapPost("/{id:guid}/messages", ReplyAsync).WithSummary("Reply as the signed-in agent");

        api.MapGet("/dashboard/tiles", async (DashboardQueries q, CancellationToken ct) =>
                TypedResults.Ok(await q.TilesAsync(ct)))
            .RequireAuthorization(Policies.Manager)
            .WithTags("Dashboards")
            .WithSummary("The live tiles' current figures");
        return app;
    }

    private static async Task<Results<Ok<Paged<CustomerRow>>, ValidationProblem>> ListCustomersAsync(
        CustomerQueries queries, string? search, int page = 0, int pageSize = 25, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 0) errors["page"] = ["page must be 0 or more."];
        if (pageSize is < 1 or > CustomerQueries.MaxPageSize)
            errors["pageSize"] = [$"pageSize must be between 1 and {CustomerQueries.MaxPageSize}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await queries.ListAsync(new CustomerListQuery(search, Page: page, PageSize: pageSize), ct));
    }

    private static async Task<Ok<IReadOnlyList<MessageDto>>> ListMessagesAsync(Guid id, ConversationService chat,
        long afterSeq = 0, CancellationToken ct = default) =>
        TypedResults.Ok(await chat.GetMessagesAsync(id, Math.Max(0, afterSeq), ct));

    private static async Task<Results<Created<MessageDto>, ProblemHttpResult>> ReplyAsync(Guid id, ReplyRequest request,
        ConversationService chat, ClaimsPrincipal user, ILogger<ReplyRequest> logger, CancellationToken ct)
    {
        try
        {
            var message = await chat.ReplyAsAgentAsync(id, user.UserId()!, user.DisplayName(), request.Text ?? "",
                request.ClientMessageId, ct);
            return TypedResults.Created($"/api/v1/conversations/{id}/messages?afterSeq={message.Seq - 1}", message);
        }
        catch (ChatException ex)
        {
            logger.LogWarning("Reply refused in conversation {ConversationId}: {Reason}", id, ex.Message);
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Reply refused");
        }
    }

    private static async Task<Results<Ok<CustomerProfile>, NotFound>> GetCustomerAsync(Guid id,
        CustomerQueries queries, CancellationToken ct) =>
        await queries.GetProfileAsync(id, ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();
}

/// <summary>An agent's reply; <c>ClientMessageId</c> makes a retried POST store the message once.</summary>
public sealed record ReplyRequest(string? Text, string? ClientMessageId);
