using System.Text;
using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>A manager moves in from a spreadsheet: upload, fix the mapping, dry run, then the real import with its progress bar.</summary>
[Collection(E2ECollection.Name)]
public class ImportJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1400, 900)]
    [InlineData(400, 844)]
    public async Task Manager_ImportsACsv_ThroughMappingAndADryRun_WatchingTheProgress(int width, int height)
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var domain = $"@import{unique}.example";
        var csv = new StringBuilder("Full name,E-mail,Mobile number,Notes\n");
        for (var i = 1; i <= 4_500; i++) csv.Append($"Person {i},p{i}{domain},+351 91 {i:000 0000},hello\n");
        csv.Append($"Nobody Home,not-an-email,,\n");

        var page = await browser.NewPageAsync(width, height);
        await new SignInPage(page).SignInAsync("manager@crmlive.demo", returnUrl: "/imports");
        await BrowserFixture.WaitLiveAsync(page);
        await page.GetByTestId("import-file-customers").SetInputFilesAsync(new FilePayload
        {
            Name = $"people-{unique}.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()),
        });

        await Expect(page.GetByTestId("import-mapping")).ToBeVisibleAsync();
        await BrowserFixture.WaitLiveAsync(page);
        // "Mobile number" is not a header we guess; the manager maps it to Phone by hand.
        await page.GetByTestId("map-2").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new("^Phone$") }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, $"import-mapping-{width}");

        await page.GetByTestId("import-dry-run").ClickAsync();
        await Expect(page.GetByTestId("import-status").First).ToHaveTextAsync("Checked", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("count-created")).ToHaveTextAsync("4,500");
        await Expect(page.GetByTestId("count-failed")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("not-an-email");
        Assert.Equal(0, await CountAsync(domain));

        await page.GetByTestId("import-run").ClickAsync();
        await Expect(page.GetByTestId("import-status").First).ToHaveTextAsync("Imported", new() { Timeout = 90_000 });
        await Expect(page.GetByTestId("import-bar")).ToHaveAttributeAsync("data-percent", "100");
        await Expect(page.GetByTestId("count-created")).ToHaveTextAsync("4,500");
        await Expect(page.GetByTestId("import-report")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"import-done-{width}");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0,
            $"the import page scrolls sideways at {width}px");

        Assert.Equal(4_500, await CountAsync(domain));
        await using var db = await browser.App.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        Assert.Equal("+351 91 000 0007", await db.Customers.Where(c => c.Email == $"p7{domain}").Select(c => c.Phone).SingleAsync());

        // And back out: the list, searched for the new people, exports as CSV with its progress bar.
        await page.GotoAsync("/customers");
        await BrowserFixture.WaitLiveAsync(page);
        await page.GetByTestId("customer-search").FillAsync($"import{unique}");
        await Expect(page.GetByText($"p1{domain}", new() { Exact = true })).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Where(l => l.Length > 0).ToList();
        Assert.Equal(4_501, lines.Count);
        // Cells a spreadsheet would run as a formula (even "+351…") are escaped with a leading apostrophe; imports take it off.
        Assert.Contains(lines, l => l.StartsWith($"Person 7,p7{domain},\"'+351 91 000 0007\""));
        await page.Context.CloseAsync();
    }

    private async Task<int> CountAsync(string domain)
    {
        await using var db = await browser.App.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Customers.CountAsync(c => c.Email!.EndsWith(domain));
    }
}
