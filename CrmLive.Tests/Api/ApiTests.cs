using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using CrmLive.Domain.Api;
using CrmLive.Domain.Audit;
using CrmLive.Infrastructure.Api;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Api;

/// <summary>The REST API as an ERP sees it: keys, scopes, problem details, paging and idempotent pushes.</summary>
[Trait("Database", "Any")]
public class ApiTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private static readonly AuditActor Admin = new(null, "Test Admin", "127.0.0.1");

    private async Task<string> KeyAsync(ApiKeyScope scope, string name = "ERP") =>
        (await app.Service<ApiKeyStore>().CreateAsync(name, scope, Admin)).Secret;

    private HttpClient Client(string? key)
    {
        var client = app.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detailContains = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (detailContains is not null) Assert.Contains(detailContains, problem.GetProperty("detail").GetString());
    }

    private static HttpRequestMessage Post(string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private async Task<int> OrdersNumberedAsync(string number)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Orders.CountAsync(o => o.Number == number);
    }

    private async Task<Guid> CreateCustomerAsync(HttpClient client, string email, string? externalId = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/customers", new { name = "Api Person", email, externalId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("id").GetGuid();
    }

    private static object Order(string number, string email, decimal amount = 49.90m) => new
    {
        customerEmail = email, number, amount, currency = "eur", items = new[] { "Blue mug", "Tea" },
        placedAt = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task NoKey_Gets401ProblemSayingHowToAuthenticate()
    {
        var response = await Client(null).GetAsync("/api/v1/customers");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "Authorization: Bearer");
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task UnknownAndRevokedKeys_Get401Problems()
    {
        var key = await KeyAsync(ApiKeyScope.ReadWrite, "Old shop");
        var store = app.Service<ApiKeyStore>();
        var id = (await store.ListAsync()).Single(k => key.StartsWith(k.Prefix + "_", StringComparison.Ordinal)).Id;
        Assert.Equal(HttpStatusCode.OK, (await Client(key).GetAsync("/api/v1/customers")).StatusCode);

        await store.RevokeAsync(id, Admin);

        await AssertProblemAsync(await Client(key).GetAsync("/api/v1/customers"), HttpStatusCode.Unauthorized, "revoked");
        await AssertProblemAsync(await Client(key[..^2] + "xx").GetAsync("/api/v1/customers"), HttpStatusCode.Unauthorized,
            "not valid");
        await AssertProblemAsync(await Client("nonsense").GetAsync("/api/v1/customers"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ReadKey_ReadsButGets403ProblemOnWrites_AlsoThroughXApiKey()
    {
        var key = await KeyAsync(ApiKeyScope.Read, "Reporting");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        var read = await client.GetAsync("/api/v1/customers?pageSize=1");
        var write = await client.PostAsJsonAsync("/api/v1/customers", new { name = "Not allowed" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await AssertProblemAsync(write, HttpStatusCode.Forbidden, "only read");
        var listed = (await app.Service<ApiKeyStore>().ListAsync()).Single(k => key.StartsWith(k.Prefix + "_", StringComparison.Ordinal));
        Assert.NotNull(listed.LastUsedAt);
    }

    [Fact]
    public async Task KeysAreStoredHashed_AndCreationAndRevocationAreAudited()
    {
        var store = app.Service<ApiKeyStore>();
        var created = await store.CreateAsync("Audited key", ApiKeyScope.Read, Admin);
        await store.RevokeAsync(created.Key.Id, Admin);

        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var row = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == created.Key.Id);
        Assert.NotEqual(created.Secret, row.SecretHash);
        Assert.DoesNotContain(created.Secret, row.SecretHash);
        Assert.Equal(64, row.SecretHash.Length);
        Assert.StartsWith(row.Prefix + "_", created.Secret);
        var audit = app.Service<AuditLog>();
        Assert.Contains(await audit.RecentAsync(AuditActions.ApiKeyCreated), l => l.Target.Contains(row.Prefix));
        Assert.Contains(await audit.RecentAsync(AuditActions.ApiKeyRevoked), l => l.Target.Contains(row.Prefix));
    }

    [Fact]
    public async Task PushingAnOrderTwiceWithTheSameIdempotencyKey_StoresOneOrder_AndReplaysTheAnswer()
    {
        var client = Client(await KeyAsync(ApiKeyScope.ReadWrite));
        var customerId = await CreateCustomerAsync(client, "idem@example.com", "erp-4711");

        var first = await client.SendAsync(Post("/api/v1/orders", Order("ERP-1001", "idem@example.com"), "push-1001"));
        var retry = await client.SendAsync(Post("/api/v1/orders", Order("ERP-1001", "idem@example.com"), "push-1001"));

        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await OrdersNumberedAsync("ERP-1001"));
        var order = await JsonAsync(first);
        Assert.Equal(customerId, order.GetProperty("customerId").GetGuid());
        Assert.Equal("EUR", order.GetProperty("currency").GetString());

        var byExternalId = await client.PostAsJsonAsync("/api/v1/orders", new
        {
            customerExternalId = "erp-4711", number = "ERP-1002", amount = 5m, currency = "EUR", items = new[] { "Spoon" },
            channel = "store", status = "Paid",
        });
        Assert.True(byExternalId.StatusCode == HttpStatusCode.Created, await byExternalId.Content.ReadAsStringAsync());
        Assert.Equal("Store", (await JsonAsync(byExternalId)).GetProperty("channel").GetString());
    }

    [Fact]
    public async Task AnOrderWithLines_StoresItsProducts_AndBadLinesAreNamedInTheProblem()
    {
        var client = Client(await KeyAsync(ApiKeyScope.ReadWrite));
        await CreateCustomerAsync(client, "lines@example.com");

        var created = await client.PostAsJsonAsync("/api/v1/orders", new
        {
            customerEmail = "lines@example.com", number = "ERP-LINES-1", amount = 149m, currency = "EUR",
            lines = new object[]
            {
                new { sku = "nw-trail", name = "Trail running shoes", quantity = 1, unitPrice = 129m },
                new { sku = "NW-SOCKS", name = "Wool socks", quantity = 2, unitPrice = 10m },
            },
        });
        var invalid = await client.PostAsJsonAsync("/api/v1/orders", new
        {
            customerEmail = "lines@example.com", number = "ERP-LINES-2", amount = 1m, currency = "EUR",
            lines = new object[] { new { sku = "", name = "Nameless", quantity = 0, unitPrice = -1m } },
        });

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var order = await JsonAsync(created);
        Assert.Equal("Trail running shoes, Wool socks", order.GetProperty("itemsSummary").GetString());
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            var id = order.GetProperty("id").GetGuid();
            var lines = await db.OrderLines.Where(l => l.OrderId == id).OrderBy(l => l.Sku).ToListAsync();
            Assert.Equal(["NW-SOCKS", "NW-TRAIL"], lines.Select(l => l.Sku));
            Assert.Equal(2, lines[0].Quantity);
        }
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await JsonAsync(invalid)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("lines[0].sku", out _));
        Assert.True(errors.TryGetProperty("lines[0].quantity", out _));
        Assert.True(errors.TryGetProperty("lines[0].unitPrice", out _));
        Assert.Equal(0, await OrdersNumberedAsync("ERP-LINES-2"));
    }

    [Fact]
    public async Task TheSameIdempotencyKeyWithADifferentBody_IsRefused()
    {
        var client = Client(await KeyAsync(ApiKeyScope.ReadWrite));
        await CreateCustomerAsync(client, "mismatch@example.com");

        var first = await client.SendAsync(Post("/api/v1/orders", Order("ERP-2001", "mismatch@example.com"), "push-2001"));
        var changed = await client.SendAsync(Post("/api/v1/orders", Order("ERP-2001", "mismatch@example.com", 99m), "push-2001"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertProblemAsync(changed, HttpStatusCode.UnprocessableEntity, "different request");
        Assert.Equal(1, await OrdersNumberedAsync("ERP-2001"));
    }

    [Fact]
    public async Task TwoConcurrentIdenticalPushes_WriteOneOrder_AndBothGetItsAnswer()
    {
        var client = Client(await KeyAsync(ApiKeyScope.ReadWrite));
        await CreateCustomerAsync(client, "race@example.com");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            client.SendAsync(Post("/api/v1/orders", Order("ERP-3001", "race@example.com"), "push-3001"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Equal(1, await OrdersNumberedAsync("ERP-3001"));
    }

    [Fact]
    public async Task ExpiredIdempotencyRecords_AreCleanedUp_AndTheKeyRunsAfresh()
    {
        var store = app.Service<IdempotencyStore>();
        var past = DateTimeOffset.UtcNow.AddDays(-2);
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            var old = new IdempotencyRecord("key:cleanup", "old", "hash", past, past.AddHours(24));
            old.Complete(201, "application/json", null, "{}");
            db.IdempotencyRecords.Add(old);
            db.IdempotencyRecords.Add(new IdempotencyRecord("key:cleanup", "gone", "hash", past, past.AddHours(24)));
            db.IdempotencyRecords.Add(new IdempotencyRecord("key:cleanup", "fresh", "hash", DateTimeOffset.UtcNow,
                DateTimeOffset.UtcNow.AddHours(24)));
            await db.SaveChangesAsync();
        }

        // An expired answer is not replayed, even before the cleanup ran: the key starts afresh.
        Assert.IsType<IdempotencyStart.Started>(await store.BeginAsync("key:cleanup", "old", "other-hash"));
        Assert.True(await store.DeleteExpiredAsync() >= 1);

        await using var check = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        Assert.Equal(["fresh", "old"], await check.IdempotencyRecords.Where(r => r.CallerId == "key:cleanup")
            .Select(r => r.Key).OrderBy(k => k).ToListAsync());
    }

    [Fact]
    public async Task PushingAnOrderNumberAgainWithoutAKey_Is409()
    {
        var client = Client(await KeyAsync(ApiKeyScope.ReadWrite));
        await CreateCustomerAsync(client, "dup@example.com");

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/orders", Order("ERP-4001", "dup@example.com"))).StatusCode);
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/orders", Order("ERP-4001", "dup@example.com")),
            HttpStatusCode.Conflict, "ERP-4001");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/customers", new { name = "Again", email = "dup@example.com" }),
            HttpStatusCode.Conflict, "dup@example.com");
    }

    [Fact]
    public async Task InvalidBodies_AreValidationProblemsNamingTheFields()
    {
        var client = Client(await KeyAsync(ApiKeyScope.ReadWrite));

        var customer = await client.PostAsJsonAsync("/api/v1/customers", new { email = "not-an-email", timeZone = "Mars/Base" });
        var order = await client.PostAsJsonAsync("/api/v1/orders", new { amount = -1, currency = "euro", channel = "fax" });
        var unknownCustomer = await client.PostAsJsonAsync("/api/v1/orders", Order("ERP-5001", "nobody@example.com"));
        var badPage = await client.GetAsync("/api/v1/customers?pageSize=5000&sort=shoeSize");

        await AssertProblemAsync(customer, HttpStatusCode.BadRequest);
        var errors = (await JsonAsync(customer)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Contains("not an e-mail", errors.GetProperty("email")[0].GetString());
        Assert.True(errors.TryGetProperty("timeZone", out _));
        var orderErrors = (await JsonAsync(order)).GetProperty("errors");
        foreach (var field in new[] { "customerId", "number", "amount", "currency", "items", "channel" })
            Assert.True(orderErrors.TryGetProperty(field, out _), field);
        await AssertProblemAsync(unknownCustomer, HttpStatusCode.UnprocessableEntity, "No customer");
        var pageErrors = (await JsonAsync(badPage)).GetProperty("errors");
        Assert.True(pageErrors.TryGetProperty("pageSize", out _));
        Assert.True(pageErrors.TryGetProperty("sort", out _));
        await AssertProblemAsync(await client.PostAsync("/api/v1/customers",
            new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnknownIds_Are404Problems()
    {
        var client = Client(await KeyAsync(ApiKeyScope.ReadWrite));

        foreach (var path in new[] { "customers", "companies", "orders", "conversations" })
            await AssertProblemAsync(await client.GetAsync($"/api/v1/{path}/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.PatchAsJsonAsync($"/api/v1/customers/{Guid.NewGuid()}", new { name = "X" }),
            HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lists_PageWithOneEnvelope_NumberedOrByCursor()
    {
        var client = Client(await KeyAsync(ApiKeyScope.ReadWrite));

        var customers = await JsonAsync(await client.GetAsync("/api/v1/customers?page=1&pageSize=5&sort=createdAt"));
        Assert.Equal(5, customers.GetProperty("items").GetArrayLength());
        Assert.Equal(1, customers.GetProperty("page").GetProperty("number").GetInt32());
        Assert.True(customers.GetProperty("page").GetProperty("total").GetInt32() >= 60);
        Assert.True(customers.GetProperty("page").GetProperty("hasMore").GetBoolean());

        var id = await CreateCustomerAsync(client, "pages@example.com");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/orders", new
            {
                customerId = id, number = $"PG-{i}", amount = 10m + i, currency = "EUR", items = new[] { "Item" },
                placedAt = new DateTimeOffset(2026, 10, 1 + i, 12, 0, 0, TimeSpan.Zero),
            })).StatusCode);
        var first = await JsonAsync(await client.GetAsync($"/api/v1/customers/{id}/orders?pageSize=2"));
        var cursor = first.GetProperty("page").GetProperty("nextCursor").GetString();
        var second = await JsonAsync(await client.GetAsync($"/api/v1/customers/{id}/orders?pageSize=2&cursor={cursor}"));

        Assert.Equal(["PG-0", "PG-1"], first.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetString()));
        Assert.Equal(["PG-2"], second.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("number").GetString()));
        Assert.False(second.GetProperty("page").GetProperty("hasMore").GetBoolean());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("page").GetProperty("nextCursor").ValueKind);
        var byDate = await JsonAsync(await client.GetAsync(
            "/api/v1/orders?from=2026-10-02T00:00:00Z&to=2026-10-03T00:00:00Z&pageSize=50"));
        Assert.Contains(byDate.GetProperty("items").EnumerateArray(), o => o.GetProperty("number").GetString() == "PG-1");
        Assert.DoesNotContain(byDate.GetProperty("items").EnumerateArray(), o => o.GetProperty("number").GetString() == "PG-2");
        await AssertProblemAsync(await client.GetAsync("/api/v1/orders?cursor=garbage"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CustomersAndCompanies_AreCreatedAndPatched()
    {
        var client = Client(await KeyAsync(ApiKeyScope.ReadWrite));
        var company = await client.PostAsJsonAsync("/api/v1/companies", new { name = "Api Widgets", domain = "https://api-widgets.example/" });
        Assert.True(company.StatusCode == HttpStatusCode.Created, await company.Content.ReadAsStringAsync());
        var companyId = (await JsonAsync(company)).GetProperty("id").GetGuid();
        var customerId = await CreateCustomerAsync(client, "patch@example.com");

        var patched = await client.PatchAsJsonAsync($"/api/v1/customers/{customerId}", new
        {
            phone = "+49 30 1234567", companyId, stage = "Advocate", tags = new[] { "vip" },
            address = new { city = "Berlin", country = "de" },
        });
        var renamed = await client.PatchAsJsonAsync($"/api/v1/companies/{companyId}", new { name = "Api Widgets GmbH", employees = 12 });

        Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var profile = await JsonAsync(patched);
        Assert.Equal("Api Person", profile.GetProperty("name").GetString());
        Assert.Equal("patch@example.com", profile.GetProperty("email").GetString());
        Assert.Equal("Advocate", profile.GetProperty("stage").GetString());
        Assert.Equal("DE", profile.GetProperty("address").GetProperty("country").GetString());
        Assert.Equal(["vip"], profile.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("api-widgets.example", (await JsonAsync(renamed)).GetProperty("domain").GetString());
        var after = await JsonAsync(await client.GetAsync($"/api/v1/customers/{customerId}"));
        Assert.Equal("Api Widgets GmbH", after.GetProperty("companyName").GetString());
        var filtered = await JsonAsync(await client.GetAsync($"/api/v1/customers?companyId={companyId}&stage=advocate"));
        Assert.Equal(customerId, filtered.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Conversations_ListByStatus_ReadMessages_AndReply()
    {
        // A key acts for the Admin who created it: replies need a real person behind them.
        string adminId;
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
            adminId = (await db.Users.SingleAsync(u => u.Email == "admin@crmlive.demo")).Id;
        var key = await app.Service<ApiKeyStore>().CreateAsync("Helpdesk", ApiKeyScope.ReadWrite, new AuditActor(adminId, "Admin", null));
        var client = Client(key.Secret);
        await using var widget = app.CreateWidgetConnection();
        await widget.StartAsync();
        await widget.InvokeAsync<CrmLive.Web.Chat.WidgetStart>("Start", "demo", null, null);
        var sent = await widget.InvokeAsync<CrmLive.Infrastructure.Chat.SendResult>("Send", Guid.NewGuid().ToString(),
            "I want to talk to a human");
        var id = sent.ConversationId;
        var conversation = await JsonAsync(await client.GetAsync($"/api/v1/conversations/{id}"));
        var status = conversation.GetProperty("status").GetString();

        var byStatus = await JsonAsync(await client.GetAsync($"/api/v1/conversations?status={status}&pageSize=100"));
        var messages = await JsonAsync(await client.GetAsync($"/api/v1/conversations/{id}/messages?pageSize=1"));
        var reply = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = "Your order has shipped." });

        Assert.All(byStatus.GetProperty("items").EnumerateArray(), c => Assert.Equal(status, c.GetProperty("status").GetString()));
        Assert.Contains(byStatus.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.Equal(1, messages.GetProperty("items").GetArrayLength());
        Assert.True(reply.StatusCode == HttpStatusCode.Created, await reply.Content.ReadAsStringAsync());
        var seq = (await JsonAsync(reply)).GetProperty("seq").GetInt64();
        var after = await JsonAsync(await client.GetAsync($"/api/v1/conversations/{id}/messages?afterSeq={seq - 1}"));
        Assert.Equal("Your order has shipped.", after.GetProperty("items")[0].GetProperty("text").GetString());
        var empty = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { text = " " });
        Assert.True((await JsonAsync(empty)).GetProperty("errors").TryGetProperty("text", out _));
        Assert.Equal("Helpdesk", (await JsonAsync(await client.GetAsync($"/api/v1/conversations/{id}/messages?afterSeq={seq - 1}")))
            .GetProperty("items")[0].GetProperty("authorName").GetString());
    }

    [Fact]
    public async Task SignedInStaff_KeepUsingTheApiWithTheirCookie()
    {
        var agent = await app.SignInAsync("agent1@crmlive.demo");

        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/customers?pageSize=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync("/api/v1/customers", new { name = "Cookie made" })).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheEndpointsAndTheKeyScheme_AndTheReferenceIsBrowsable()
    {
        var client = Client(null);

        var response = await client.GetAsync("/openapi/v1.json");
        var reference = await client.GetAsync("/api/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await JsonAsync(response);
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/customers", "/api/v1/customers/{id}", "/api/v1/companies", "/api/v1/orders",
                     "/api/v1/conversations", "/api/v1/conversations/{id}/messages" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        Assert.False(paths.TryGetProperty("/health", out _));
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(doc.GetProperty("security")[0].TryGetProperty("ApiKey", out _));
        var push = paths.GetProperty("/api/v1/orders").GetProperty("post");
        Assert.Equal("Push an order", push.GetProperty("summary").GetString());
        Assert.Contains(push.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }
}

/// <summary>A tiny budget so the limit is reached in a test.</summary>
public sealed class RateLimitedAppFactory() : CrmLiveAppFactory(null, new Dictionary<string, string?>
{
    ["Api:PermitLimit"] = "3",
    ["Api:WindowSeconds"] = "3600",
});

[Trait("Database", "Any")]
public class ApiRateLimitTests(RateLimitedAppFactory app) : IClassFixture<RateLimitedAppFactory>
{
    [Fact]
    public async Task AKeyOverItsBudget_Gets429WithRetryAfter_OtherKeysDoNot()
    {
        var store = app.Service<ApiKeyStore>();
        var busy = app.CreateClient();
        busy.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await store.CreateAsync("Busy", ApiKeyScope.Read, AuditActor.System)).Secret);
        var calm = app.CreateClient();
        calm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await store.CreateAsync("Calm", ApiKeyScope.Read, AuditActor.System)).Secret);

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/customers?pageSize=1")).StatusCode);
        var refused = await busy.GetAsync("/api/v1/customers?pageSize=1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("/api/v1/customers?pageSize=1")).StatusCode);
    }
}
