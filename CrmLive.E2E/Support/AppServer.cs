using CrmLive.Infrastructure.Persistence.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmLive.E2E.Support;

/// <summary>The real app on a real Kestrel port (chosen free by the OS), seeded with the full demo company.</summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"crmlive-e2e-{Guid.NewGuid():N}.db");

    public AppServer()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
    }

    public string BaseUrl { get; }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, package assets (MudBlazor, blazor.web.js) are only found with the build manifest.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Crm", $"Data Source={_dbPath}");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Webhooks:AllowPrivateNetworks", "true"); // the test receivers run on 127.0.0.1
        // Every visitor in the suite comes from 127.0.0.1.
        foreach (var (key, value) in CrmLive.Web.Chat.WidgetLimitsOptions.OneAddressForAll()) builder.UseSetting(key, value);
        if (ServerLog.Path is { } log) builder.ConfigureLogging(l => l.AddProvider(new ServerLog(log)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteFiles.Delete(_dbPath);
    }
}
