using CrmLive.Domain.Bot;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Tickets;
using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using CrmLive.Infrastructure.Bot;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Companies;
using CrmLive.Domain.Imports;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Imports;
using CrmLive.Infrastructure.Notes;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using CrmLive.Infrastructure.Tickets;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>
/// Known XSS vectors fed through every path that shows untrusted text: chat both ways, bot answers, names, company
/// fields, custom attributes, notes, tickets, saved replies, file names. The browser runs with the page's
/// Content-Security-Policy switched off, so the sanitizer alone must stop them; nothing may run, and no dangerous
/// markup may reach the DOM of the inbox, the 360 page or the widget.
/// </summary>
[Collection(E2ECollection.Name)]
public class XssCorpusTests(BrowserFixture browser)
{
    /// <summary>Each vector calls __xss(n) if it ever runs.</summary>
    public static readonly string[] Corpus =
    [
        "<script>__xss(1)</script>",
        "<img src=x onerror=__xss(2)>",
        "<svg onload=__xss(3)></svg>",
        "<svg><script>__xss(4)</script></svg>",
        "[click me](javascript:__xss(5))",
        "[data link](data:text/html;base64,PHNjcmlwdD5fX3hzcyg2KTwvc2NyaXB0Pg==)",
        "<a href=\"jav&#x09;ascript:__xss(7)\">tab trick</a>",
        "<iframe src=\"javascript:__xss(8)\"></iframe>",
        "<details open ontoggle=__xss(9)>x</details>",
        "\"><img src=x onerror=__xss(10)>",
        "![pic](x\" onerror=\"__xss(11))",
        "<math><mtext><table><mglyph><style><img src=x onerror=__xss(12)>",
        "<a href=\"javascript&colon;__xss(13)\">colon entity</a>",
        "<form action=\"javascript:__xss(14)\"><button>go</button></form>",
        "<object data=\"javascript:__xss(15)\"></object>",
        "[a](  javascript:__xss(17)  )",
        "<<script>script>__xss(18)<</script>/script>",
        "<a href=\"#\" onclick=\"__xss(19)\" style=\"position:fixed;inset:0\">cover</a>",
    ];

    private static readonly string Markdown = string.Join("\n\n", Corpus);

    private const string Trap = "window.__xssHits = []; window.__xss = n => window.__xssHits.push(n);";

    /// <summary>Dangerous markup anywhere in the page or the widget's shadow root.</summary>
    private const string FindDangerousMarkup = """
        () => {
          const bad = [];
          const roots = [document];
          const host = document.querySelector('#crmlive-widget');
          if (host && host.shadowRoot) roots.push(host.shadowRoot);
          for (const root of roots) for (const el of root.querySelectorAll('*')) {
            if (el.tagName === 'SCRIPT' && el.textContent.includes('__xss')) bad.push('script element');
            if (['IFRAME', 'OBJECT', 'EMBED', 'FORM'].includes(el.tagName) && el.outerHTML.includes('__xss')) bad.push(el.tagName);
            for (const a of el.attributes) {
              const name = a.name.toLowerCase();
              const value = (a.value || '').toLowerCase().replace(/[\s\u0000-\u001f]/g, '');
              if (name.startsWith('on') && value.includes('__xss')) bad.push(`${el.tagName} ${name}`);
              if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(name)
                  && (value.startsWith('javascript:') || value.startsWith('data:text/html')))
                bad.push(`${el.tagName} ${name}=${a.value}`);
            }
          }
          return bad;
        }
        """;

    [Fact]
    public async Task TheCorpus_RunsNowhere_InTheInbox_The360Page_OrTheWidget()
    {
        var app = browser.App;
        var tag = Guid.NewGuid().ToString("N")[..6];
        var companyId = await app.Service<CompanyEditor>().CreateAsync(new CompanyChanges
        {
            Name = $"Evil Corp {tag} <img src=x onerror=__xss(30)>", Industry = "<svg onload=__xss(31)>",
        });
        var customerId = await app.Service<CustomerEditor>().CreateAsync(new CustomerChanges
        {
            Name = $"Eve {tag} <img src=x onerror=__xss(32)>", CompanyId = companyId,
        });
        var attribute = await app.Service<CustomAttributeCatalog>().CreateAsync(AttributeTarget.Customer,
            $"Motto {tag} <svg onload=__xss(33)>", AttributeType.Text, null, false);
        await app.Service<CustomerEditor>().SetAttributeAsync(customerId, attribute.Id, "<img src=x onerror=__xss(34)>");
        await app.Service<NoteService>().AddAsync(customerId, "system", "Mallory <b onmouseover=__xss(35)>", Markdown);
        var ticketId = await app.Service<TicketService>().CreateAsync(new NewTicket(customerId,
            $"Ticket {tag} <img src=x onerror=__xss(36)>", TicketType.Request, TicketPriority.Normal, Markdown));
        await app.Service<CannedResponses>().SaveAsync(null, $"xss{tag}", Markdown);
        var keyword = $"xsscorpus{tag}";
        await app.Service<RuleCatalog>().SaveAsync(null, $"XSS {tag} <img src=x onerror=__xss(37)>", RuleMatch.Keywords,
            keyword, Markdown, false, RuleCondition.Always);

        var importedId = await ImportAsync(tag);

        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            BypassCSP = true, // the sanitizer is the line under test, not the CSP behind it
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        await context.AddInitScriptAsync(Trap);
        var problems = new List<string>();

        // The customer's side: their own words, the bot's answer and the agent's reply, with a file.
        var visitor = await context.NewPageAsync();
        var widget = new WidgetFrame(visitor);
        await widget.OpenAsync();
        await visitor.GetByTestId("crm-prechat-name").FillAsync($"Vic {tag} <img src=x onerror=__xss(38)>");
        await visitor.GetByTestId("crm-prechat-submit").ClickAsync();
        await widget.SendAsync($"{keyword} {Markdown}");
        await Expect(widget.MessagesFrom("Bot").First).ToContainTextAsync("click me");
        await widget.SendAsync("I want to talk to a human");
        await Expect(widget.MessagesFrom("Bot").Nth(1)).ToBeVisibleAsync();
        var conversationId = await ConversationOfAsync(tag);
        var chat = app.Service<ConversationService>();
        await chat.ReplyAsAgentAsync(conversationId, "system", "Agent <img src=x onerror=__xss(39)>", Markdown);
        await chat.AttachAsAgentAsync(conversationId, "system", "Agent", new AttachmentUpload(
            "\"><img src=x onerror=__xss(40)>.txt", "plain text"u8.ToArray()), isPrivate: false);
        await Expect(widget.MessagesFrom("Agent").Last).ToContainTextAsync("img src=x onerror");
        await CheckAsync(visitor, "widget", problems);

        // The team's side.
        var agent = await context.NewPageAsync();
        await new SignInPage(agent).SignInAsync("admin@crmlive.demo", returnUrl: $"/inbox/{conversationId}");
        await Expect(agent.GetByTestId("thread-message").Last).ToContainTextAsync("onerror");
        await CheckAsync(agent, "inbox conversation", problems);
        foreach (var (path, landmark) in new[]
                 {
                     ($"/customers/{customerId}", "metric-segment"), ($"/customers/{importedId}", "metric-segment"),
                     ($"/companies/{companyId}", "company-profile"),
                     ($"/tickets/{ticketId}", "ticket-description"), ("/settings/replies", "replies"), ("/bot/rules", "rules"),
                     ("/customers", "customer-link"), ("/tickets", "nav-tickets"),
                 })
        {
            await agent.GotoAsync(path);
            await Expect(agent.GetByTestId(landmark).First).ToBeVisibleAsync();
            await BrowserFixture.WaitLiveAsync(agent);
            await CheckAsync(agent, path, problems);
        }
        await BrowserFixture.ScreenshotAsync(agent, "xss-corpus-tickets");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>A customer that arrives by CSV import, through the same job as the Import page.</summary>
    private async Task<Guid> ImportAsync(string tag)
    {
        var imports = browser.App.Service<ImportService>();
        var email = $"imp{tag}@xss.example";
        var csv = $"Full Name,E-mail,Company,Tags\n\"Imp {tag} <img src=x onerror=__xss(41)>\",{email}," +
            $"\"Imp Co {tag} <svg onload=__xss(42)>\",\"<b onclick=__xss(43)>vip</b>\"\n";
        var preview = await imports.UploadAsync(ImportKind.Customers, "xss.csv", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)),
            "system", "XSS test");
        await imports.StartAsync(preview.Run.Id, dryRun: false);
        var dbFactory = browser.App.Service<IDbContextFactory<CrmDbContext>>();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var run = await imports.GetAsync(preview.Run.Id);
            if (run!.Status is ImportStatus.Failed or ImportStatus.Cancelled) throw new InvalidOperationException("The import failed.");
            if (run.Status == ImportStatus.Completed)
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                return await db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync();
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The import did not finish.");
    }

    private async Task<Guid> ConversationOfAsync(string tag)
    {
        var dbFactory = browser.App.Service<IDbContextFactory<CrmDbContext>>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var found = await db.Visitors.Where(v => v.Name != null && v.Name.StartsWith($"Vic {tag}"))
                .Join(db.Conversations, v => v.Id, c => c.VisitorId, (_, c) => (Guid?)c.Id).FirstOrDefaultAsync();
            if (found is { } id) return id;
            await Task.Delay(100);
        }
        throw new TimeoutException("The visitor's conversation never appeared.");
    }

    private static async Task CheckAsync(IPage page, string where, List<string> problems)
    {
        var hits = await page.EvaluateAsync<int[]>("() => window.__xssHits ?? []");
        problems.AddRange(hits.Select(h => $"{where}: vector {h} ran"));
        var markup = await page.EvaluateAsync<string[]>(FindDangerousMarkup);
        problems.AddRange(markup.Select(m => $"{where}: {m}"));
    }
}
