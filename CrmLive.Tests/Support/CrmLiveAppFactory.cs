using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmLive.Tests.Support;

/// <summary>
/// The real app on a fresh database (SQLite file, or PostgreSQL when the run asks), with a small demo company.
/// One per test class; nothing is mocked.
/// </summary>
public class CrmLiveAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "CrmLive!demo1";
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public CrmLiveAppFactory() : this(null, new Dictionary<string, string?>())
    {
    }

    /// <param name="sharedDatabase">A database another instance also uses (scale-out tests); null for a fresh one.</param>
    /// <param name="settings">Extra configuration, e.g. <c>Redis:Connection</c>.</param>
    internal CrmLiveAppFactory(TestDatabase? sharedDatabase, IReadOnlyDictionary<string, string?> settings)
    {
        _ownsDatabase = sharedDatabase is null;
        _database = sharedDatabase ?? TestDatabase.Create();
        _settings = settings;
    }

    /// <summary>How many demo customers to seed; small keeps start-up fast.</summary>
    protected virtual int DemoCustomers => 60;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, package assets (MudBlazor, blazor.web.js) are only found with the build manifest.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Crm", _database.ConnectionString);
        builder.UseSetting("Demo:Customers", DemoCustomers.ToString());
        builder.UseSetting("Jobs:RunServer", "false");
        // Every test's widget comes from the same address; the limits have their own test (WidgetLimitsTests).
        foreach (var (key, value) in CrmLive.Web.Chat.WidgetLimitsOptions.OneAddressForAll()) builder.UseSetting(key, value);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.AddProvider(CapturedLog.Hangfire));
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real sign-in form (antiforgery token included) and returns the cookie-carrying client.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = CreateBrowserClient();
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>A real SignalR client connected to the widget hub through the test server.</summary>
    /// <param name="origin">The Origin header a browser on that site would send; none by default.</param>
    public HubConnection CreateWidgetConnection(string? origin = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "/hubs/widget"), o =>
            {
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (origin is not null) o.Headers["Origin"] = origin;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit would otherwise dispose the fixture synchronously, and some of the app's services are async-only.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>What the demo shop's server would put in its script tag for this user: their id, signed.</summary>
    public async Task<CrmLive.Infrastructure.Chat.WidgetIdentity> SignedIdentityAsync(string userId)
    {
        await using var db = await Service<Microsoft.EntityFrameworkCore.IDbContextFactory<CrmLive.Infrastructure.Persistence.CrmDbContext>>()
            .CreateDbContextAsync();
        var secret = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Inboxes.Where(i => i.Key == CrmLive.Infrastructure.Demo.DemoAccounts.DemoInboxKey).Select(i => i.IdentitySecret));
        return new CrmLive.Infrastructure.Chat.WidgetIdentity(userId, CrmLive.Domain.Conversations.SignedIdentity.Sign(userId, secret));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownsDatabase) _database.Dispose();
    }
}
