using CrmLive.Domain.Common;
using CrmLive.Infrastructure.Chat;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmLive.Web.Api;

/// <summary>
/// Turns refusals from the services into problem details: a duplicate is 409, a broken business rule 422, a chat
/// request the caller may correct 400; the message is the one people see in the UI.
/// </summary>
internal sealed class ApiErrorFilter(ILogger<ApiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DuplicateRecordException ex)
        {
            return Refused(context, ex, StatusCodes.Status409Conflict, "Conflict");
        }
        catch (DomainException ex)
        {
            return Refused(context, ex, StatusCodes.Status422UnprocessableEntity, "Request refused");
        }
        catch (ChatException ex)
        {
            return Refused(context, ex, StatusCodes.Status400BadRequest, "Request refused");
        }
    }

    private IResult Refused(EndpointFilterInvocationContext context, Exception ex, int status, string title)
    {
        logger.LogInformation("API {Method} {Path} refused ({Status}): {Reason}", context.HttpContext.Request.Method,
            context.HttpContext.Request.Path, status, ex.Message);
        return TypedResults.Problem(ex.Message, statusCode: status, title: title);
    }
}

/// <summary>Small helpers the endpoint groups share.</summary>
internal static class ApiResults
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem($"No {what} has this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>Collects field errors as the RFC 7807 ValidationProblem wants them.</summary>
    public sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public bool Any => _errors.Count > 0;

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
            list.Add(message);
        }

        /// <summary>Runs a domain rule on one field and files its message under that field.</summary>
        public void Check(string field, Action rule)
        {
            try
            {
                rule();
            }
            catch (DomainException ex)
            {
                Add(field, ex.Message);
            }
        }

        public ValidationProblem ToResult() =>
            TypedResults.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
