using CrmLive.Domain.Customers;
using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>An Admin merges a duplicate from the 360 page, then erases another customer's personal data.</summary>
[Collection(E2ECollection.Name)]
public class MergeAndGdprTests(BrowserFixture browser)
{
    private async Task<Guid> NewCustomerAsync(string name, string? email, string? phone)
    {
        await using var db = await browser.App.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var customer = new Customer(name, email, phone, null, DateTimeOffset.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    [Fact]
    public async Task Admin_MergesADuplicateFromThe360Page_AndTheOldLinkLeadsToTheSurvivor()
    {
        var u = Guid.NewGuid().ToString("N")[..5];
        var keep = await NewCustomerAsync($"Dora Duplicate {u}", $"dora{u}@shop.example", null);
        var dup = await NewCustomerAsync($"Dora Duplicate {u}", null, "+34 612 345 678");
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync("admin@crmlive.demo", returnUrl: $"/customers/{keep}");
        await BrowserFixture.WaitLiveAsync(page);

        await Expect(page.GetByTestId("duplicates-hint")).ToContainTextAsync("same name");
        await BrowserFixture.ScreenshotAsync(page, "merge-360-hint");
        await page.GetByTestId("duplicate-link").First.ClickAsync();
        await Expect(page.GetByTestId("merge-preview")).ToContainTextAsync("+34 612 345 678");
        await Expect(page.GetByTestId("merge-counts")).ToContainTextAsync("timeline entries");
        await BrowserFixture.ScreenshotAsync(page, "merge-preview");
        await page.GetByTestId("merge-confirm").ClickAsync();

        await page.WaitForURLAsync($"**/customers/{keep}");
        await Expect(page.GetByTestId("customer-profile")).ToContainTextAsync("+34 612 345 678");
        await page.GotoAsync($"/customers/{dup}");
        await Expect(page.GetByTestId("merged-into")).ToContainTextAsync($"Dora Duplicate {u}");
        await BrowserFixture.ScreenshotAsync(page, "merge-redirect");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_ErasesACustomer_AfterTypingTheConfirmation()
    {
        var u = Guid.NewGuid().ToString("N")[..5];
        var id = await NewCustomerAsync($"Erin Erasable {u}", $"erin{u}@private.example", "+1 415 555 0199");
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync("admin@crmlive.demo", returnUrl: $"/customers/{id}");
        await BrowserFixture.WaitLiveAsync(page);
        await page.GetByTestId("gdpr-erase").ClickAsync();

        await Expect(page.GetByTestId("erase-confirm")).ToBeDisabledAsync();
        await page.GetByTestId("erase-confirm-input").FillAsync("ERASE");
        await BrowserFixture.ScreenshotAsync(page, "erase-page");
        await page.GetByTestId("erase-confirm").ClickAsync();

        await page.WaitForURLAsync($"**/customers/{id}");
        await Expect(page.GetByTestId("customer-name")).ToContainTextAsync("Erased customer");
        await Expect(page.GetByTestId("customer-profile")).Not.ToContainTextAsync($"erin{u}");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1440, false)]
    [InlineData(390, false)]
    [InlineData(1440, true)]
    [InlineData(390, true)]
    public async Task MergeScreens_FitTheScreen_InLightAndDark(int width, bool dark)
    {
        var u = Guid.NewGuid().ToString("N")[..5];
        var a = await NewCustomerAsync($"Sam Screens {u}", $"sam{u}@shop.example", "+44 20 7946 1234");
        var b = await NewCustomerAsync($"Samuel Screens {u}", $"sam{u}@shop.example", null);
        var page = await browser.NewPageAsync(width, 860);
        await new SignInPage(page).SignInAsync("admin@crmlive.demo", returnUrl: "/customers/duplicates");
        await BrowserFixture.WaitLiveAsync(page);
        if (dark) await page.GetByTestId("toggle-dark").ClickAsync();
        var suffix = $"{width}{(dark ? "-dark" : "")}";

        await Expect(page.GetByTestId("duplicate-group").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"duplicates-{suffix}");
        foreach (var path in new[] { $"/customers/{a}/merge?with={b}", $"/customers/{a}/erase", $"/customers/{a}" })
        {
            await page.GotoAsync(path);
            await BrowserFixture.WaitLiveAsync(page);
            if (path.Contains("merge")) await Expect(page.GetByTestId("merge-preview")).ToBeVisibleAsync();
            if (path.EndsWith(a.ToString())) await Expect(page.GetByTestId("duplicates-hint")).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            await BrowserFixture.ScreenshotAsync(page, $"{path.Split('/', '?').Where(s => s.Length is > 0 and < 20).LastOrDefault() ?? "customer"}-{suffix}");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow}px at {width}px");
        }
        await page.Context.CloseAsync();
    }
}
