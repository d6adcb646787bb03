using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;

namespace CrmLive.Tests.Domain;

public class InboxSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ARotatedSecret_KeepsTheOldOneValid_ForTheGraceOnly()
    {
        var inbox = new Inbox("shop", "Shop", "Hi");
        var oldSignature = SignedIdentity.Sign("u1", inbox.IdentitySecret);

        inbox.RotateIdentitySecret(Now, TimeSpan.FromDays(1));

        Assert.True(inbox.Vouches("u1", oldSignature, Now.AddHours(23)));
        Assert.False(inbox.Vouches("u1", oldSignature, Now.AddDays(1)));
        Assert.True(inbox.Vouches("u1", SignedIdentity.Sign("u1", inbox.IdentitySecret), Now.AddDays(2)));
        Assert.False(inbox.Vouches("u2", oldSignature, Now));
    }

    [Fact]
    public void ARotationWithoutGrace_EndsTheOldSecretAtOnce()
    {
        var inbox = new Inbox("shop", "Shop", "Hi");
        var oldSignature = SignedIdentity.Sign("u1", inbox.IdentitySecret);
        inbox.RotateIdentitySecret(Now, TimeSpan.FromDays(3));

        inbox.RotateIdentitySecret(Now, TimeSpan.Zero); // after a leak

        Assert.False(inbox.Vouches("u1", oldSignature, Now));
        Assert.Null(inbox.PreviousIdentitySecret);
        Assert.Throws<DomainException>(() => inbox.RotateIdentitySecret(Now, TimeSpan.FromDays(31)));
    }

    [Theory]
    [InlineData("#4F46E5", "#4f46e5")]
    [InlineData("#abc", "#aabbcc")]
    [InlineData(" #00ff00 ", "#00ff00")]
    public void Colours_AreNormalized(string given, string kept) => Assert.Equal(kept, WidgetLook.NormalizeColor(given));

    [Theory]
    [InlineData("red")]
    [InlineData("#12345")]
    [InlineData("#1234567")]
    [InlineData("#fff;background:url(x)")]
    [InlineData("")]
    public void AnythingButAHexColour_IsRefused(string color) =>
        Assert.Throws<DomainException>(() => WidgetLook.NormalizeColor(color));

    [Fact]
    public void TheLook_IsSetTogether()
    {
        var inbox = new Inbox("shop", "Shop", "Hi");
        inbox.SetLook("Hello **there**", "#112233", WidgetPosition.Left);
        Assert.Equal(("Hello **there**", "#112233", WidgetPosition.Left), (inbox.Greeting, inbox.WidgetColor, inbox.WidgetPosition));
        Assert.Throws<DomainException>(() => inbox.SetLook("", "#112233", WidgetPosition.Left));
        Assert.Throws<DomainException>(() => inbox.SetLook("Hi", "#112233", (WidgetPosition)7));
    }

    [Theory]
    [InlineData("Shop Main")]
    [InlineData("shop/main")]
    [InlineData("\"><script>")]
    public void InboxKeys_AreSnippetSafe(string key) => Assert.Throws<DomainException>(() => new Inbox(key, "Shop", "Hi"));
}
