using System.Globalization;
using System.Security.Claims;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmLive.Web.Api;

/// <summary>An agent's reply; <c>ClientMessageId</c> makes a retried POST store the message once.</summary>
public sealed record ReplyRequest(string? Text, string? ClientMessageId);

/// <summary><c>/api/v1/conversations</c>: read conversations and their messages, reply.</summary>
internal static class ConversationsApi
{
    public const int MaxMessages = 200;

    public static void Map(RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations").WithTags("Conversations");
        conversations.MapGet("/", ListAsync).WithName("ListConversations")
            .WithSummary("Page conversations, most recent activity first")
            .WithDescription("status: Bot, WaitingForAgent, Open, Resolved or Snoozed. customerId narrows to one customer.");
        conversations.MapGet("/{id:guid}", GetAsync).WithName("GetConversation").WithSummary("One conversation");
        conversations.MapGet("/{id:guid}/messages", ListMessagesAsync).WithName("ListMessages")
            .WithSummary("Messages after a sequence number, oldest first")
            .WithDescription("Every message has a per-conversation sequence number (seq). Pass page.nextCursor as afterSeq "
                + "to read on; private notes are included.");
        conversations.MapPost("/{id:guid}/messages", ReplyAsync).WithName("Reply").RequireAuthorization(ApiAuth.WritePolicy)
            .WithSummary("Reply to the customer")
            .WithDescription("As the signed-in agent, or for an API key on behalf of the Admin who created it (named as the "
                + "key). A retried reply with the same clientMessageId is stored once.");
    }

    private static async Task<Results<Ok<ApiPage<ConversationSummary>>, ValidationProblem>> ListAsync(InboxQueries inbox,
        string? status, Guid? customerId, int page = 0, int pageSize = ApiPaging.DefaultSize, CancellationToken ct = default)
    {
        var errors = new ApiResults.Errors();
        ApiPaging.Validate(errors, page, pageSize, InboxQueries.PageSize);
        var statusIs = ApiEnums.Parse<ConversationStatus>(errors, "status", status);
        if (errors.Any) return errors.ToResult();
        var result = await inbox.ListAsync(new InboxFilter(InboxView.Everything, "", Status: statusIs, CustomerId: customerId),
            page * pageSize, pageSize, ct);
        return TypedResults.Ok(ApiPaging.Numbered(result.Items, page, pageSize, result.Total, false));
    }

    private static async Task<Results<Ok<ConversationSummary>, ProblemHttpResult>> GetAsync(Guid id, InboxQueries inbox,
        CancellationToken ct) =>
        await inbox.GetAsync(id, ct) is { } conversation ? TypedResults.Ok(conversation) : ApiResults.NotFound("conversation");

    private static async Task<Results<Ok<ApiPage<MessageDto>>, ValidationProblem, ProblemHttpResult>> ListMessagesAsync(
        Guid id, InboxQueries inbox, ConversationService chat, long afterSeq = 0, int pageSize = 100,
        CancellationToken ct = default)
    {
        var errors = new ApiResults.Errors();
        ApiPaging.Validate(errors, null, pageSize, MaxMessages);
        if (afterSeq < 0) errors.Add("afterSeq", "afterSeq must be 0 or more.");
        if (errors.Any) return errors.ToResult();
        if (await inbox.GetAsync(id, ct) is null) return ApiResults.NotFound("conversation");
        var messages = await chat.GetMessagesAsync(id, afterSeq, ct, pageSize + 1);
        var hasMore = messages.Count > pageSize;
        var items = hasMore ? messages.Take(pageSize).ToList() : messages;
        return TypedResults.Ok(new ApiPage<MessageDto>(items, new PageInfo(null, pageSize, null, false, hasMore,
            items.Count > 0 ? items[^1].Seq.ToString(CultureInfo.InvariantCulture) : null)));
    }

    private static async Task<Results<Created<MessageDto>, ValidationProblem, ProblemHttpResult>> ReplyAsync(Guid id,
        ReplyRequest request, InboxQueries inbox, ConversationService chat, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new ApiResults.Errors();
        if (string.IsNullOrWhiteSpace(request.Text)) errors.Add("text", "A message cannot be empty.");
        else if (request.Text.Length > Conversation.MaxTextLength)
            errors.Add("text", $"A message can be at most {Conversation.MaxTextLength} characters.");
        if (request.ClientMessageId is { Length: > ConversationService.MaxClientMessageIdLength })
            errors.Add("clientMessageId", $"clientMessageId can be at most {ConversationService.MaxClientMessageIdLength} characters.");
        if (errors.Any) return errors.ToResult();
        if (await inbox.GetAsync(id, ct) is null) return ApiResults.NotFound("conversation");
        if (user.UserId() is not { } agentId)
            return TypedResults.Problem("This API key has no Admin behind it to reply for; create a new key.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Request refused");
        var message = await chat.ReplyAsAgentAsync(id, agentId, user.DisplayName(), request.Text!, request.ClientMessageId, ct);
        return TypedResults.Created($"/api/v1/conversations/{id}/messages?afterSeq={message.Seq - 1}", message);
    }
}
