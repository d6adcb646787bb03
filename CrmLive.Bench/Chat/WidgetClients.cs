using System.Text.Json;
using System.Text.Json.Serialization;
using CrmLive.Domain.Conversations;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CrmLive.Bench.Chat;

/// <summary>
/// Widget connections made light, so the client (on the same cores as the app) measures the app and not itself:
/// one JSON options instance for all connections (its metadata is built once, not per connection), straight to
/// WebSockets without the negotiate request, and a handler for everything the hub sends (an unhandled target
/// costs the client an exception per message).
/// </summary>
internal static class WidgetClients
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <param name="customerEcho">Called with the client id of each of its own messages the widget hears back.</param>
    public static async Task<HubConnection> ConnectAsync(string baseUrl, string inbox, Action<string>? customerEcho)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}{WidgetHub.Route}", o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
            })
            .AddJsonProtocol(p => p.PayloadSerializerOptions = Json)
            .Build();
        connection.On<WidgetMessage>(nameof(IWidgetClient.MessageReceived), m =>
        {
            if (customerEcho is not null && m.Sender == MessageSender.Customer && m.ClientMessageId is { } id)
                customerEcho(id);
        });
        connection.On<ConversationStatus>(nameof(IWidgetClient.ConversationStatusChanged), _ => { });
        connection.On<long>(nameof(IWidgetClient.Read), _ => { });
        connection.On<string?, bool>(nameof(IWidgetClient.Typing), (_, _) => { });
        await connection.StartAsync();
        await connection.InvokeAsync<WidgetStart>(nameof(WidgetHub.Start), inbox, null, null);
        return connection;
    }
}
