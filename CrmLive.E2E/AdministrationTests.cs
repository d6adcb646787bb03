using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>An Admin grows the team and shapes an inbox; the changes reach the people and the widget at once.</summary>
[Collection(E2ECollection.Name)]
public class AdministrationTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1400, 900)]
    [InlineData(400, 844)]
    public async Task AnAdminInvites_TheInviteeJoins_ThenDeactivationEndsTheirOpenSession(int width, int height)
    {
        var admin = await browser.NewPageAsync(width, height);
        await new SignInPage(admin).SignInAsync("admin@crmlive.demo", returnUrl: "/settings/team");
        await BrowserFixture.WaitLiveAsync(admin);
        var email = $"kim.{Guid.NewGuid():N}"[..12] + "@crmlive.test";
        await admin.GetByTestId("invite-name").FillAsync("Kim Invited");
        await admin.GetByTestId("invite-email").FillAsync(email);
        await admin.GetByTestId("invite-send").ClickAsync();
        var link = await admin.GetByTestId("invite-link").InnerTextAsync();
        Assert.Contains("/account/invitation/", link);
        await BrowserFixture.ScreenshotAsync(admin, $"team-{width}");

        // The invitee, in their own browser, chooses a password and lands in the app as an Agent.
        var invitee = await browser.NewPageAsync(width, height);
        await invitee.GotoAsync(link);
        await BrowserFixture.ScreenshotAsync(invitee, $"invitation-{width}");
        await invitee.GetByTestId("invitation-password").FillAsync("Welcome!kim42");
        await invitee.GetByTestId("invitation-confirm").FillAsync("Welcome!kim42");
        await invitee.GetByTestId("invitation-accept").ClickAsync();
        await invitee.WaitForURLAsync(url => !url.Contains("/account/"));
        await BrowserFixture.WaitLiveAsync(invitee);
        await Expect(invitee.GetByTestId("user-menu")).ToContainTextAsync("Kim Invited");

        // The Admin sees them join, then deactivates them: the invitee's open page ends with the reason.
        await admin.ReloadAsync();
        await BrowserFixture.WaitLiveAsync(admin);
        var row = admin.Locator("tr").Filter(new() { Has = admin.Locator($"[data-email='{email}']") });
        await row.GetByTestId("member-deactivate").ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Expect(row.GetByTestId("member-status")).ToContainTextAsync("Deactivated");

        await Expect(invitee.GetByTestId("login-error")).ToContainTextAsync("deactivated");
        await invitee.GotoAsync("/inbox");
        await Expect(invitee).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await admin.Context.CloseAsync();
        await invitee.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdminShapesAnInbox_AndTheWidgetFollows()
    {
        var admin = await browser.NewPageAsync();
        await new SignInPage(admin).SignInAsync("admin@crmlive.demo", returnUrl: "/settings/inboxes");
        await BrowserFixture.WaitLiveAsync(admin);
        var key = "members-" + Guid.NewGuid().ToString("N")[..6];
        await admin.GetByTestId("inbox-name").FillAsync("Members area");
        await admin.GetByTestId("inbox-key").FillAsync(key);
        await admin.GetByTestId("inbox-create").ClickAsync();

        await admin.GetByTestId("inbox-settings").WaitForAsync();
        await Expect(admin.GetByTestId("inbox-snippet")).ToContainTextAsync($"data-inbox=\"{key}\"");
        await admin.GetByTestId("inbox-greeting").FillAsync("Welcome back! Members get answers first.");
        await Expect(admin.GetByTestId("inbox-preview-greeting")).ToHaveTextAsync("Welcome back! Members get answers first.");
        await admin.GetByText("Verified visitors only:").ClickAsync();
        await admin.GetByText("Bottom left").ClickAsync();
        await admin.GetByTestId("inbox-save").ClickAsync();
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("Inbox saved");
        await BrowserFixture.ScreenshotAsync(admin, "inbox-settings-1400");
        if (BrowserFixture.ScreenshotDir is not null)
        {
            var phone = await browser.NewPageAsync(400, 844);
            await new SignInPage(phone).SignInAsync("admin@crmlive.demo", returnUrl: new Uri(admin.Url).PathAndQuery);
            await phone.GetByTestId("inbox-settings").WaitForAsync();
            await BrowserFixture.ScreenshotAsync(phone, "inbox-settings-400");
            await phone.Context.CloseAsync();
        }

        // A visitor on the shop page: the new greeting, on the left, and no way to write without signing in.
        var visitor = await browser.NewPageAsync(1280, 800);
        await new WidgetFrame(visitor).OpenAsync($"/demo?inbox={key}");
        await Expect(visitor.Locator(".empty")).ToHaveTextAsync("Welcome back! Members get answers first.");
        await Expect(visitor.GetByTestId("crm-input")).ToBeDisabledAsync();
        await Expect(visitor.GetByTestId("crm-locked")).ToContainTextAsync("signed-in customers");
        var box = await visitor.GetByTestId("crm-panel").BoundingBoxAsync();
        Assert.True(box!.X < 640, $"the panel should sit on the left, but starts at x={box.X}");
        await BrowserFixture.ScreenshotAsync(visitor, "widget-verified-only");
        await admin.Context.CloseAsync();
        await visitor.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(400, 844)]
    public async Task AnAdminFiltersTheAuditLog_ToTheirOwnSignIn(int width, int height)
    {
        var admin = await browser.NewPageAsync(width, height);
        await new SignInPage(admin).SignInAsync("admin@crmlive.demo", returnUrl: "/settings/audit");
        await BrowserFixture.WaitLiveAsync(admin);
        await Expect(admin.GetByTestId("audit-row-action").First).ToBeVisibleAsync();

        await admin.GetByTestId("audit-action").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Staff signed in" }).ClickAsync();
        await admin.GetByTestId("audit-actor").FillAsync("Ada");

        var rows = admin.GetByTestId("audit-row-action");
        await Expect(rows.First).ToHaveAttributeAsync("data-action", "staff.signed_in");
        Assert.All(await rows.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.action)"), a => Assert.Equal("staff.signed_in", a));
        await Expect(admin.GetByTestId("audit")).ToContainTextAsync("admin@crmlive.demo");
        await BrowserFixture.ScreenshotAsync(admin, $"audit-{width}");

        await admin.GetByTestId("audit-actor").FillAsync("nobody-by-this-name");
        await Expect(admin.GetByTestId("audit-empty")).ToContainTextAsync("Nothing matches");
        await admin.Context.CloseAsync();
    }
}
