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
        await Expect(liam.GetByTestId("mentions-live")).ToHaveCountAsync(1);

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

        await liam.Locator(".mention-toast").GetByText("Open").ClickAsync();
        await Expect(liam.GetByTestId("customer-name")).ToContainTextAsync(name);
        await sofia.Context.CloseAsync();
        await liam.Context.CloseAsync();
    }
}
