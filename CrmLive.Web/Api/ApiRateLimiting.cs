using System.Globalization;
using System.Threading.RateLimiting;
using CrmLive.Infrastructure.Api;
using Microsoft.Extensions.Options;

namespace CrmLive.Web.Api;

/// <summary>A fixed window of requests per API key (or per signed-in person), sized by <see cref="ApiOptions"/>.</summary>
public static class ApiRateLimiting
{
    public const string Policy = "api";

    public static IHostApplicationBuilder AddApiRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                var partition = http.User.CallerId() ?? $"ip:{http.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = TimeSpan.FromSeconds(options.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                var wait = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.WindowSeconds;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = Math.Max(1, wait).ToString(CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiRateLimiting))
                    .LogWarning("API rate limit reached by {Caller}", http.User.CallerId());
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"This key has used its requests for now; retry after {Math.Max(1, wait)} seconds.",
                    },
                });
            };
        });
        return builder;
    }
}
