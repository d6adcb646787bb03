using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>An agent works a customer record: finds them by part of a phone number, notes and @mentions a teammate.</summary>
[Collection(E2ECollection.Name)]
public class CustomerCoreJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Agent_FindsACustomerByPartOfAPhoneNumber_AndMentionsATeammateWhoSeesItLive()
    {
        var sofia = await browser.NewPageAsync();
        await new SignInPage(sofia).SignInAsync("agent1@crmlive.demo", returnUrl: "/customers");
        var liam = await browser.NewPageAsync();
        await new SignInPage(liam).SignInAsync("agent2@crmlive.demo", returnUrl: "/customers");
        await BrowserFixture.WaitLiveAsync(liam);

        // The first row's phone, e.g. "+49 30 4829317": type a run of its digits from the middle.
        var firstRow = sofia.Locator("[data-testid=customers-grid] tbody tr").First;
        await Expect(firstRow.GetByTestId("customer-link")).ToBeVisibleAsync();
        var name = await firstRow.GetByTestId("customer-link").InnerTextAsync();
        var href = await firstRow.GetByTestId("customer-link").GetAttributeAsync("href");
        var phone = await firstRow.Locator("td").Nth(3).InnerTextAsync();
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        var part = digits.Substring(digits.Length - 6, 5);
        await sofia.GetByTestId("customer-search").PressSequentiallyAsync(part, new() { Delay = 40 });
        // Narrowed to the few customers whose phone holds those digits, this one among them.
        await Expect(sofia.GetByTestId("customer-link")).Not.ToHaveCountAsync(25);
        await sofia.Locator($"[data-testid=customer-link][href='{href}']").ClickAsync();
        await Expect(sofia.GetByTestId("customer-name")).ToContainTextAsync(name);
        await BrowserFixture.ScreenshotAsync(sofia, "customer-360-core");

        // A note with a mention, and markup that must stay inert.
        var note = "Promised a callback tomorrow. @liam.obrien can you check the invoice?\n\n" +
                   "<script>window.__xss = 1</script> <img src=x onerror=\"window.__xss = 2\"> [details](javascript:window.__xss=3)";
        await sofia.GetByTestId("note-input").FillAsync(note);
        await sofia.GetByTestId("note-add").ClickAsync();

        await Expect(liam.Locator(".mention-toast")).ToContainTextAsync("Sofia Martins mentioned you");
        await Expect(sofia.GetByTestId("note-body").First).ToContainTextAsync("Promised a callback tomorrow.");
        var body = sofia.GetByTestId("note-body").First;
        await Expect(body.Locator("script")).ToHaveCountAsync(0);
        await Expect(body.Locator("img[onerror]")).ToHaveCountAsync(0);
        await Expect(body.Locator("a[href^='javascript']")).ToHaveCountAsync(0);
        var link = body.GetByText("details");
        if (await link.CountAsync() > 0) await link.First.ClickAsync();
        Assert.Null(await sofia.EvaluateAsync<int?>("() => window.__xss ?? null"));

        // The author edits the note in place; the timeline shows the new text.
        await sofia.GetByTestId("note-edit").First.ClickAsync();
        await sofia.GetByTestId("note-edit-input").FillAsync("Called back: **invoice sent**.");
        await sofia.GetByTestId("note-edit-save").ClickAsync();
        await Expect(sofia.GetByTestId("note-body").First.Locator("strong")).ToHaveTextAsync("invoice sent");

        // A ticket opened from the 360 page shows in its panel with an SLA, and on the timeline.
        var subject = "Invoice copy needed " + Guid.NewGuid().ToString("N")[..5];
        await sofia.GetByTestId("customer-ticket-new").ClickAsync();
        await sofia.GetByTestId("ticket-subject").FillAsync(subject);
        await sofia.GetByTestId("ticket-save").ClickAsync();
        await Expect(sofia.GetByTestId("customer-ticket").Filter(new() { HasText = subject })).ToContainTextAsync("due in");
        await Expect(sofia.GetByTestId("timeline")).ToContainTextAsync(subject);

        await liam.Locator(".mention-toast").GetByText("Open").ClickAsync();
        await Expect(liam.GetByTestId("customer-name")).ToContainTextAsync(name);
        await sofia.Context.CloseAsync();
        await liam.Context.CloseAsync();
    }
}

/// <summary>A manager adds a custom field, fills it in on a customer, and filters and shows the list by it.</summary>
[Collection(E2ECollection.Name)]
public class CustomFieldJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Manager_DefinesAField_FillsItIn_AndFiltersTheListByIt()
    {
        var label = "Plan " + Guid.NewGuid().ToString("N")[..5];
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync("manager@crmlive.demo", returnUrl: "/settings/fields");
        await BrowserFixture.WaitLiveAsync(page);
        await page.GetByTestId("field-label").FillAsync(label);
        await page.GetByTestId("field-type").ClickAsync();
        await Option(page, "Number").ClickAsync();
        await page.GetByTestId("field-add").ClickAsync();
        await Expect(page.GetByTestId("fields")).ToContainTextAsync(label);

        await page.GotoAsync("/customers");
        await BrowserFixture.WaitLiveAsync(page);
        var link = page.GetByTestId("customer-link").Nth(2);
        var name = await link.InnerTextAsync();
        await link.ClickAsync();
        await Expect(page.GetByTestId("customer-name")).ToContainTextAsync(name);
        var key = label.ToLowerInvariant().Replace(' ', '_');
        await page.GetByTestId($"field-{key}-value").ClickAsync();
        await page.GetByTestId($"field-{key}-input").FillAsync("lots");
        await page.GetByTestId($"field-{key}-input").PressAsync("Enter");
        await Expect(page.GetByTestId("custom-fields")).ToContainTextAsync("must be a number");
        await page.GetByTestId($"field-{key}-input").FillAsync("42");
        await page.GetByTestId($"field-{key}-input").PressAsync("Enter");
        await Expect(page.GetByTestId($"field-{key}-value")).ToContainTextAsync("42");

        await page.GotoAsync("/customers");
        await BrowserFixture.WaitLiveAsync(page);
        await page.GetByTestId("field-filter-menu").ClickAsync();
        await page.GetByTestId("field-filter-field").ClickAsync();
        await Option(page, label).ClickAsync();
        await page.GetByTestId("field-filter-value").FillAsync("40");
        await page.GetByTestId("field-filter-operator").ClickAsync();
        await Option(page, "at least").ClickAsync();
        await page.GetByTestId("field-filter-add").ClickAsync();
        await Expect(page.GetByTestId("field-filter-chip")).ToContainTextAsync($"{label} at least 40");
        await Expect(page.GetByTestId("customer-link")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("customer-link")).ToHaveTextAsync(name);
        await BrowserFixture.ScreenshotAsync(page, "customers-field-filter");

        // Saved and shared: a colleague applies the same view and sees the same customer.
        await page.GetByTestId("views-menu").ClickAsync();
        await page.GetByTestId("view-save-open").ClickAsync();
        await page.GetByTestId("view-name").FillAsync(label + " fans");
        await page.GetByTestId("view-shared").ClickAsync();
        await page.GetByTestId("view-save-confirm").ClickAsync();
        await Expect(page.GetByTestId("view-save")).ToHaveCountAsync(0);

        var agent = await browser.NewPageAsync();
        await new SignInPage(agent).SignInAsync("agent3@crmlive.demo", returnUrl: "/customers");
        await BrowserFixture.WaitLiveAsync(agent);
        await agent.GetByTestId("views-menu").ClickAsync();
        await agent.GetByTestId("view-item").Filter(new() { HasText = label + " fans" }).ClickAsync();
        await Expect(agent.GetByTestId("customer-link")).ToHaveCountAsync(1);
        await Expect(agent.GetByTestId("customer-link")).ToHaveTextAsync(name);
        await agent.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    private static ILocator Option(IPage page, string text) =>
        page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = text });
}
