using Microsoft.Playwright;

namespace CrmLive.E2E.Pages;

public sealed class SignInPage(IPage page)
{
    public const string Password = "CrmLive!demo1";

    public async Task SignInAsync(string email, string password = Password, string returnUrl = "/")
    {
        await page.GotoAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    public ILocator Error => page.GetByTestId("login-error");
}
