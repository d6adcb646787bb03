using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using CrmLive.Domain.Api;
using CrmLive.Domain.Audit;
using CrmLive.Infrastructure.Api;
using CrmLive.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace CrmLive.Tests.Web.Security;

/// <summary>
/// Every door the app has, found by reflection and endpoint metadata, against the access it is meant to have. An
/// endpoint or hub method that is not in the matrix fails the first test: whoever adds one decides who may use it.
/// Then every door that can be knocked on without a body is tried as anonymous, Agent, Manager and Admin.
/// </summary>
[Trait("Database", "Any")]
public partial class AuthorizationMatrixTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    public enum Access { Public, SignedIn, Staff, Manager, Admin, ApiRead, ApiWrite, ApiManager }

    /// <summary>Who may use each endpoint ("METHOD pattern"); static files are public and not listed.</summary>
    private static readonly Dictionary<string, Access> Endpoints = new()
    {
        // The customer's side: the widget, its hub and files are anonymous by design (a visitor token scopes them).
        ["GET /widget.js"] = Access.Public,
        ["GET /demo"] = Access.Public,
        ["* /hubs/widget/negotiate"] = Access.Public,
        ["* /hubs/widget"] = Access.Public,
        ["POST /widget/attachments"] = Access.Public,
        ["GET /attachments/{id:guid}/{key}/{name}"] = Access.Public,
        // Campaign e-mail links: the recipient's random key is the proof.
        ["GET /c/u/{id:guid}/{key}"] = Access.Public,
        ["POST /c/u/{id:guid}/{key}"] = Access.Public,
        ["GET /c/o/{id:guid}/{key}.gif"] = Access.Public,
        // Blazor's own circuit: anonymous to connect; every page and component inside checks its own policy.
        ["* /_blazor/negotiate"] = Access.Public,
        ["* /_blazor"] = Access.Public,
        ["* /_blazor/disconnect/"] = Access.Public,
        ["* /_blazor/initializers/"] = Access.Public,
        ["GET /_framework/opaque-redirect"] = Access.Public,
        ["GET /{**path:file}"] = Access.Public,
        ["* /health"] = Access.Public,
        ["* /health/live"] = Access.Public,
        ["* /health/ready"] = Access.Public,
        ["GET /openapi/{documentName}.json"] = Access.Public,
        ["GET /api/docs/scalar.js"] = Access.Public,
        ["GET /api/docs/scalar.aspnetcore.js"] = Access.Public,
        ["GET /api/docs/favicon.svg"] = Access.Public,
        ["GET /api/docs/{documentName?}"] = Access.Public,
        ["GET /account/login"] = Access.Public,
        ["GET /account/invitation/{Token}"] = Access.Public,
        ["GET /error"] = Access.Public,
        ["GET /not-found"] = Access.Public,
        ["GET /account/access-denied"] = Access.SignedIn,
        ["POST /account/logout"] = Access.SignedIn,

        ["GET /"] = Access.Staff,
        ["GET /inbox"] = Access.Staff,
        ["GET /inbox/{ConversationId:guid}"] = Access.Staff,
        ["GET /customers"] = Access.Staff,
        ["GET /customers/{Id:guid}"] = Access.Staff,
        ["GET /companies"] = Access.Staff,
        ["GET /companies/{Id:guid}"] = Access.Staff,
        ["GET /tickets"] = Access.Staff,
        ["GET /tickets/{Id:guid}"] = Access.Staff,
        ["GET /deals"] = Access.Staff,

        ["GET /dashboard"] = Access.Manager,
        ["GET /analytics"] = Access.Manager,
        ["GET /campaigns"] = Access.Manager,
        ["GET /campaigns/new"] = Access.Manager,
        ["GET /campaigns/{Id:guid}"] = Access.Manager,
        ["GET /campaigns/{Id:guid}/edit"] = Access.Manager,
        ["GET /customers/duplicates"] = Access.Manager,
        ["GET /customers/{Id:guid}/merge"] = Access.Manager,
        ["GET /customers/{id:guid}/export.zip"] = Access.Manager,
        ["GET /bot/intents"] = Access.Manager,
        ["GET /bot/intents/{IntentId:guid}"] = Access.Manager,
        ["GET /bot/intents/export.csv"] = Access.Manager,
        ["GET /bot/models"] = Access.Manager,
        ["GET /bot/reports"] = Access.Manager,
        ["GET /bot/rules"] = Access.Manager,
        ["GET /settings/replies"] = Access.Manager,
        ["GET /settings/fields"] = Access.Manager,
        ["GET /settings/sla"] = Access.Manager,
        ["GET /imports"] = Access.Manager,
        ["GET /imports/{Id:guid}"] = Access.Manager,
        ["GET /imports/{id:guid}/errors.csv"] = Access.Manager,
        ["GET /export/customers.csv"] = Access.Manager,
        ["GET /export/companies.csv"] = Access.Manager,
        ["GET /export/tickets.csv"] = Access.Manager,
        ["GET /export/deals.csv"] = Access.Manager,

        ["GET /customers/{Id:guid}/erase"] = Access.Admin,
        ["GET /settings/team"] = Access.Admin,
        ["GET /settings/inboxes"] = Access.Admin,
        ["GET /settings/inboxes/{Id:guid}"] = Access.Admin,
        ["GET /settings/audit"] = Access.Admin,
        ["GET /settings/webhooks"] = Access.Admin,
        ["GET /settings/api-keys"] = Access.Admin,
        ["GET /settings/schedules"] = Access.Admin,
        ["* /hangfire/{**path}"] = Access.Admin,

        ["GET /api/v1/customers/"] = Access.ApiRead,
        ["GET /api/v1/customers/{id:guid}"] = Access.ApiRead,
        ["GET /api/v1/customers/{id:guid}/orders"] = Access.ApiRead,
        ["GET /api/v1/companies/"] = Access.ApiRead,
        ["GET /api/v1/companies/{id:guid}"] = Access.ApiRead,
        ["GET /api/v1/orders/"] = Access.ApiRead,
        ["GET /api/v1/orders/{id:guid}"] = Access.ApiRead,
        ["GET /api/v1/conversations/"] = Access.ApiRead,
        ["GET /api/v1/conversations/{id:guid}"] = Access.ApiRead,
        ["GET /api/v1/conversations/{id:guid}/messages"] = Access.ApiRead,
        ["GET /api/v1/dashboard/tiles"] = Access.ApiManager,
        ["POST /api/v1/customers/"] = Access.ApiWrite,
        ["PATCH /api/v1/customers/{id:guid}"] = Access.ApiWrite,
        ["POST /api/v1/companies/"] = Access.ApiWrite,
        ["PATCH /api/v1/companies/{id:guid}"] = Access.ApiWrite,
        ["POST /api/v1/orders/"] = Access.ApiWrite,
        ["POST /api/v1/conversations/{id:guid}/messages"] = Access.ApiWrite,
    };

    /// <summary>Hub methods, "Hub.Method". The widget hub is the visitors' door: open, scoped by the visitor token.</summary>
    private static readonly Dictionary<string, Access> HubMethods = new()
    {
        ["WidgetHub.Start"] = Access.Public,
        ["WidgetHub.Send"] = Access.Public,
        ["WidgetHub.Introduce"] = Access.Public,
        ["WidgetHub.Rate"] = Access.Public,
        ["WidgetHub.Typing"] = Access.Public,
        ["WidgetHub.History"] = Access.Public,
        ["WidgetHub.CampaignOpened"] = Access.Public,
        ["WidgetHub.CampaignDismissed"] = Access.Public,
    };

    private static readonly string[] Roles = ["anonymous", "agent1@crmlive.demo", "manager@crmlive.demo", "admin@crmlive.demo"];

    [Fact]
    public void EveryEndpoint_IsInTheMatrix_WithTheAccessItsMetadataGives()
    {
        var problems = new List<string>();
        var seen = new HashSet<string>();
        foreach (var endpoint in AppEndpoints())
        {
            var key = KeyOf(endpoint);
            seen.Add(key);
            if (!Endpoints.TryGetValue(key, out var expected))
            {
                problems.Add($"{key} is not in the authorization matrix: add it with the access it should have.");
                continue;
            }
            var actual = AccessOf(endpoint);
            if (actual != expected) problems.Add($"{key} should be {expected} but its metadata makes it {actual}.");
        }
        problems.AddRange(Endpoints.Keys.Except(seen).Select(k => $"{k} is in the matrix but the app has no such endpoint."));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryHubMethod_IsInTheMatrix_WithTheAccessItsAttributesGive()
    {
        var problems = new List<string>();
        var hubs = typeof(Program).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(Hub).IsAssignableFrom(t)
            || t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(Hub<>));
        var seen = new HashSet<string>();
        foreach (var hub in hubs)
        foreach (var method in hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                     .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync" or "Dispose")))
        {
            var key = $"{hub.Name}.{method.Name}";
            seen.Add(key);
            if (!HubMethods.TryGetValue(key, out var expected))
            {
                problems.Add($"{key} is not in the authorization matrix.");
                continue;
            }
            var anonymous = method.GetCustomAttribute<AllowAnonymousAttribute>() is not null
                || (hub.GetCustomAttribute<AllowAnonymousAttribute>() is not null && method.GetCustomAttribute<AuthorizeAttribute>() is null);
            var policy = method.GetCustomAttribute<AuthorizeAttribute>()?.Policy ?? hub.GetCustomAttribute<AuthorizeAttribute>()?.Policy;
            var actual = anonymous ? Access.Public : Enum.Parse<Access>(policy ?? nameof(Access.SignedIn));
            if (actual != expected) problems.Add($"{key} should be {expected} but its attributes make it {actual}.");
        }
        problems.AddRange(HubMethods.Keys.Except(seen).Select(k => $"{k} is in the matrix but no hub has it."));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task EveryGetEndpoint_LetsInExactlyTheRolesTheMatrixNames()
    {
        var problems = new List<string>();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in Roles)
            clients[role] = role == "anonymous" ? app.CreateBrowserClient() : await app.SignInAsync(role);
        foreach (var endpoint in AppEndpoints().Where(e => Methods(e).Contains("GET")))
        {
            var access = Endpoints[KeyOf(endpoint)];
            var path = SamplePath(endpoint.RoutePattern.RawText!);
            foreach (var role in Roles)
            {
                var response = await clients[role].GetAsync(path);
                var allowed = !Refused(response);
                var expected = Allows(access, role);
                if (allowed != expected)
                    problems.Add($"GET {path} as {role}: {(int)response.StatusCode} {response.Headers.Location}, expected {(expected ? "allowed" : "refused")}");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task EveryApiWrite_RefusesNoKeyAndReadKeys_AndAcceptsWriteKeys()
    {
        var keys = app.Service<ApiKeyStore>();
        var actor = new AuditActor(null, "Matrix test", null);
        var read = (await keys.CreateAsync("matrix read", ApiKeyScope.Read, actor)).Secret;
        var write = (await keys.CreateAsync("matrix write", ApiKeyScope.ReadWrite, actor)).Secret;
        var problems = new List<string>();
        foreach (var (key, _) in Endpoints.Where(e => e.Value == Access.ApiWrite))
        {
            var method = new HttpMethod(key[..key.IndexOf(' ')]);
            var path = SamplePath(key[(key.IndexOf(' ') + 1)..]);
            foreach (var (who, secret, refused) in new[] { ("no key", (string?)null, true), ("read key", read, true), ("write key", write, false) })
            {
                using var request = new HttpRequestMessage(method, path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
                if (secret is not null) request.Headers.Add("X-Api-Key", secret);
                var response = await app.CreateBrowserClient().SendAsync(request);
                if (Refused(response) != refused)
                    problems.Add($"{method} {path} with {who}: {(int)response.StatusCode}, expected {(refused ? "refused" : "allowed")}");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private IEnumerable<RouteEndpoint> AppEndpoints()
    {
        _ = app.Server; // builds the host
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsStaticFile(e))
            .GroupBy(KeyOf).Select(g => g.First());
    }

    /// <summary>Fingerprinted files from MapStaticAssets (scripts, styles, icons): public by nature.</summary>
    private static bool IsStaticFile(RouteEndpoint e) =>
        !e.RoutePattern.RawText!.StartsWith('/') && e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");

    private static IReadOnlyList<string> Methods(RouteEndpoint e) =>
        e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];

    /// <summary>"GET /path"; Blazor pages (GET and POST for forms) by their GET; hubs and health checks by "*".</summary>
    private static string KeyOf(RouteEndpoint e)
    {
        var methods = Methods(e);
        var pattern = e.RoutePattern.RawText!.StartsWith('/') ? e.RoutePattern.RawText : "/" + e.RoutePattern.RawText;
        var method = methods.Count == 0 ? "*" : methods.Contains("GET") ? "GET" : methods[0];
        return $"{method} {pattern}";
    }

    private static Access AccessOf(RouteEndpoint e)
    {
        var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "").ToHashSet();
        if (e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            return Access.Public;
        if (policies.Contains("ApiRead") && policies.Contains("Manager")) return Access.ApiManager;
        if (policies.Contains("ApiWrite")) return Access.ApiWrite;
        foreach (var level in new[] { Access.Admin, Access.Manager, Access.Staff, Access.ApiRead })
            if (policies.Contains(level.ToString())) return level;
        return Access.SignedIn;
    }

    private static bool Allows(Access access, string role) => access switch
    {
        Access.Public => true,
        Access.SignedIn or Access.Staff or Access.ApiRead or Access.ApiWrite => role != "anonymous",
        Access.Manager or Access.ApiManager => role is "manager@crmlive.demo" or "admin@crmlive.demo",
        Access.Admin => role == "admin@crmlive.demo",
        _ => false,
    };

    private static bool Refused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } to
            && (to.Contains("/account/login", StringComparison.OrdinalIgnoreCase)
                || to.Contains("/account/access-denied", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A concrete path for a route pattern: ids that exist nowhere, which is enough to reach the authorization check.</summary>
    private static string SamplePath(string pattern)
    {
        var path = RouteParameter().Replace(pattern, m => m.Groups[1].Value switch
        {
            "**path:file" => "no-such-file.txt",
            var p when p.StartsWith("**") => "",
            var p when p.Contains(":guid") => Guid.Empty.ToString(),
            "documentName" => "v1",
            "documentName?" => "",
            _ => "x",
        });
        return "/" + path.TrimStart('/');
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex RouteParameter();
}
