using System.Text.Json.Serialization;

namespace CrmLive.Web.Chat;

public static class WidgetHubExtensions
{
    public const string CorsPolicy = "widget";

    public static IHostApplicationBuilder AddWidgetHub(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // The widget runs on customers' sites. Any origin may connect for now; per-inbox allowed origins come
        // with inbox administration.
        builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
            .SetIsOriginAllowed(_ => true)
            .AllowAnyHeader()
            .WithMethods("GET", "POST")
            .AllowCredentials()));
        builder.Services.AddHostedService<WidgetBroadcaster>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWidgetHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<WidgetHub>(WidgetHub.Route).RequireCors(CorsPolicy).AllowAnonymous();
        return app;
    }
}
