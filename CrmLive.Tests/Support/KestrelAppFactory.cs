using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CrmLive.Tests.Support;

/// <summary>The app on a real Kestrel port, for tests that need real sockets (network drops).</summary>
public sealed class KestrelAppFactory : CrmLiveAppFactory
{
    public KestrelAppFactory()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address.Replace("[::]", "127.0.0.1").Replace("+", "127.0.0.1")).Port;
    }

    public int Port { get; }
}
