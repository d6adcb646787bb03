using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>The app and the widget work under their Content-Security-Policy: Chromium reports no violation anywhere.</summary>
[Collection(E2ECollection.Name)]
public class ContentSecurityPolicyTests(BrowserFixture browser)
{
    private const string ListenForViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
        """;

    [Fact]
    public async Task TheMainScreensAndTheWidget_RunWithoutAViolation()
    {
        var page = await browser.NewPageAsync();
        await page.Context.AddInitScriptAsync(ListenForViolations);
        var console = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) console.Add(m.Text);
        };

        var response = await page.GotoAsync("/account/login");
        Assert.Contains("frame-ancestors 'none'", await response!.HeaderValueAsync("content-security-policy") ?? "");
        Assert.Equal("nosniff", await response.HeaderValueAsync("x-content-type-options"));
        var violations = new List<string>();
        await CollectAsync(page, violations);

        await new SignInPage(page).SignInAsync("admin@crmlive.demo", returnUrl: "/inbox");
        await BrowserFixture.WaitLiveAsync(page);
        await CollectAsync(page, violations);
        foreach (var (path, landmark) in new[]
                 {
                     ("/customers", "customer-link"), ("/dashboard", "tile-waiting"), ("/settings/team", "team"),
                     ("/settings/inboxes", "inboxes"), ("/settings/audit", "audit"), ("/deals", "nav-deals"),
                 })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByTestId(landmark).First).ToBeVisibleAsync();
            await BrowserFixture.WaitLiveAsync(page);
            await CollectAsync(page, violations);
        }
        await page.GetByTestId("nav-customers").ClickAsync();
        await page.GetByTestId("customer-link").First.ClickAsync();
        await Expect(page.GetByTestId("metric-segment")).ToBeVisibleAsync();
        await CollectAsync(page, violations);

        // The shop page: the widget loads, connects, and a message goes both ways.
        var widget = new WidgetFrame(page);
        await widget.OpenAsync();
        await widget.SendAsync("hello from a strict page");
        await Expect(widget.MessagesFrom("Bot").First).ToBeVisibleAsync();
        await CollectAsync(page, violations);

        violations.AddRange(console);
        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
        await page.Context.CloseAsync();
    }

    private static async Task CollectAsync(IPage page, List<string> into)
    {
        var found = await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
        into.AddRange(found.Select(v => $"{page.Url}: {v}"));
    }
}
