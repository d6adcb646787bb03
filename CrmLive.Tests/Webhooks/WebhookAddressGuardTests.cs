using CrmLive.Infrastructure.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace CrmLive.Tests.Webhooks;

/// <summary>The connection-time check: what a name resolves to when the request is made, not what the URL says.</summary>
public class WebhookAddressGuardTests
{
    private static HttpClient ClientWith(bool allowPrivate) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectCallback = new WebhookAddressGuard(
            Options.Create(new WebhookOptions { AllowPrivateNetworks = allowPrivate }),
            new HostingEnvironment { EnvironmentName = Environments.Production }).ConnectAsync,
    });

    [Fact]
    public async Task ANameResolvingToThisMachine_IsRefusedBeforeConnecting_InProduction()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.BaseUrl).Port;
        using var client = ClientWith(allowPrivate: false);

        // "localhost" passes no literal-address check; it is caught on the address it resolves to.
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync($"http://localhost:{port}/hooks/guard", new StringContent("{}")));
        Assert.IsType<WebhookAddressRefusedException>(ex.InnerException);
        Assert.Contains("public addresses only", ex.Message);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task WherePrivateNetworksAreAllowed_TheSameRequestArrives()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.BaseUrl).Port;
        using var client = ClientWith(allowPrivate: true);

        using var response = await client.PostAsync($"http://localhost:{port}/hooks/guard", new StringContent("{}"));

        Assert.True(response.IsSuccessStatusCode);
        Assert.Single(receiver.At("/hooks/guard"));
    }
}
