using CrmLive.Domain.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Webhooks;

public static class WebhooksExtensions
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The job applies its own timeout per attempt; redirects are not followed, so a signed event never lands
        // somewhere the Admin did not name; connections go to public addresses only (WebhookAddressGuard).
        builder.Services.AddSingleton<WebhookAddressGuard>();
        builder.Services.AddHttpClient(WebhookDeliveryJob.HttpClientName, (sp, client) =>
            {
                client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout + TimeSpan.FromSeconds(1);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("CrmLive-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false, // straight to the vetted address
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = sp.GetRequiredService<WebhookAddressGuard>().ConnectAsync,
            });
        builder.Services.AddSingleton<WebhookSubscriptionCache>();
        builder.Services.AddSingleton<WebhookPublisher>();
        builder.Services.AddSingleton<IWebhookEvents>(sp => sp.GetRequiredService<WebhookPublisher>());
        builder.Services.AddSingleton<WebhookSnapshots>();
        builder.Services.AddSingleton<WebhookSubscriptions>();
        builder.Services.AddTransient<WebhookDeliveryJob>();
        builder.Services.AddTransient<WebhookSweeperJob>();
        builder.Services.AddHostedService<WebhookEventRelay>();
        return builder;
    }
}
