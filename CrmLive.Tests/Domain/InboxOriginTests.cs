using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;

namespace CrmLive.Tests.Domain;

public class InboxOriginTests
{
    private const string Own = "https://crm.example.com";

    private static Inbox WithOrigins(params string[] origins)
    {
        var inbox = new Inbox("shop", "Shop", "Hi");
        inbox.AllowOrigins(origins);
        return inbox;
    }

    [Theory]
    [InlineData("https://shop.example.com", true)]
    [InlineData("HTTPS://Shop.Example.com", true)]
    [InlineData("https://shop.example.com:443", true)]
    [InlineData("http://shop.example.com", false)]
    [InlineData("https://evil.example.com", false)]
    [InlineData("https://shop.example.com.evil.io", false)]
    [InlineData("https://crm.example.com", true)]
    [InlineData("null", false)]
    [InlineData("", false)]
    public void Allows_OnlyListedSitesAndCrmLiveItself(string origin, bool expected) =>
        Assert.Equal(expected, WithOrigins("https://shop.example.com/").Allows(origin, Own));

    [Fact]
    public void Allows_Star_OpensToAnySite() =>
        Assert.True(WithOrigins("*").Allows("https://anything.example", Own));

    [Fact]
    public void NewInbox_AllowsOnlyCrmLiveItself()
    {
        var inbox = new Inbox("shop", "Shop", "Hi");

        Assert.True(inbox.Allows(Own, Own));
        Assert.False(inbox.Allows("https://shop.example.com", Own));
    }

    [Theory]
    [InlineData("shop.example.com")]
    [InlineData("ftp://shop.example.com")]
    [InlineData("https://shop.example.com/path")]
    public void AllowOrigins_RejectsWhatIsNotAnOrigin(string origin) =>
        Assert.Throws<DomainException>(() => WithOrigins(origin));
}
