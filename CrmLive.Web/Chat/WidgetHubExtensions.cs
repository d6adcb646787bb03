using System.Text.Json.Serialization;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Redis;
using StackExchange.Redis;

namespace CrmLive.Web.Chat;

public static class WidgetHubExtensions
{
    public const string CorsPolicy = "widget";

    public static IHostApplicationBuilder AddWidgetHub(this IHostApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        if (redis.Enabled)
        {
            // A message for a widget connected to another instance travels over the Redis backplane.
            signalR.AddStackExchangeRedis(redis.Connection!, o =>
                o.Configuration.ChannelPrefix = RedisChannel.Literal($"{redis.Prefix}:signalr"));
        }
        // The widget runs on customers' sites: browsers may call the hub from any site some inbox allows;
        // the hub then checks the site against the inbox the widget names.
        builder.Services.AddCors();
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<InboxOrigins>((o, origins) => o.AddPolicy(CorsPolicy, p => p
                .SetIsOriginAllowed(origins.IsAllowedByAnyInbox)
                .AllowAnyHeader()
                .WithMethods("GET", "POST")
                .AllowCredentials()));
        builder.Services.AddOptions<WidgetLimitsOptions>().BindConfiguration(WidgetLimitsOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WidgetLimits>();
        builder.Services.AddHostedService<WidgetBroadcaster>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWidgetHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<WidgetHub>(WidgetHub.Route).RequireCors(CorsPolicy).AllowAnonymous();
        return app;
    }
}
