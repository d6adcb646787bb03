using CrmLive.Domain.Common;
using CrmLive.Domain.Webhooks;

namespace CrmLive.Tests.Webhooks;

public class WebhookRulesTests
{
    [Fact]
    public void Backoff_DoublesEachAttempt_UpToTheCap()
    {
        var first = TimeSpan.FromSeconds(30);
        var cap = TimeSpan.FromMinutes(5);

        Assert.Equal(TimeSpan.FromSeconds(30), WebhookBackoff.DelayAfter(1, first, cap));
        Assert.Equal(TimeSpan.FromSeconds(60), WebhookBackoff.DelayAfter(2, first, cap));
        Assert.Equal(TimeSpan.FromSeconds(240), WebhookBackoff.DelayAfter(4, first, cap));
        Assert.Equal(cap, WebhookBackoff.DelayAfter(5, first, cap));
        Assert.Equal(cap, WebhookBackoff.DelayAfter(60, first, cap));
    }

    [Fact]
    public void Signature_IsHmacSha256OfTimestampDotBody_InLowerHex()
    {
        // Reference value computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        Assert.Equal("v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686",
            WebhookSignature.Sign("secret", 1700000000, "{\"a\":1}"));
        Assert.NotEqual(WebhookSignature.Sign("secret", 1700000000, "{\"a\":1}"), WebhookSignature.Sign("secret", 1700000001, "{\"a\":1}"));
    }

    private static readonly WebhookUrlPolicy LocalAllowed = new(AllowHttp: false, AllowPrivate: true);

    [Theory]
    [InlineData("http://localhost:5005/hooks")]
    [InlineData("http://127.0.0.1/hooks")]
    [InlineData("http://[::1]:8080/hooks")]
    [InlineData("https://hooks.example.com/crm?x=1")]
    public void Url_HttpsOrLoopback_IsAccepted_WherePrivateAddressesAreAllowed(string url) =>
        Assert.Equal(url, WebhookUrl.Validate(url, LocalAllowed));

    [Fact]
    public void Url_PlainHttp_IsAcceptedOnlyWhenAllowed()
    {
        Assert.Throws<DomainException>(() => WebhookUrl.Validate("http://hooks.example.com", WebhookUrlPolicy.Strict));
        Assert.Equal("http://hooks.example.com", WebhookUrl.Validate(" http://hooks.example.com ", new(AllowHttp: true, AllowPrivate: false)));
    }

    [Theory]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://api.localhost/hooks")]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://10.1.2.3/hooks")]
    [InlineData("https://172.20.0.5/hooks")]
    [InlineData("https://192.168.1.10/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://[fd00::1]/hooks")]
    [InlineData("https://[::ffff:10.0.0.1]/hooks")]
    [InlineData("https://0.0.0.0/hooks")]
    public void Url_ToALocalOrPrivateAddress_IsRefused_InProduction(string url)
    {
        var ex = Assert.Throws<DomainException>(() => WebhookUrl.Validate(url, WebhookUrlPolicy.Strict));
        Assert.Contains("public addresses only", ex.Message);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("100.64.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("2002:0a00:0001::1", false)]
    public void PublicAddress_KnowsPrivateAndSpecialRanges(string address, bool isPublic) =>
        Assert.Equal(isPublic, PublicAddress.Is(System.Net.IPAddress.Parse(address)));

    [Fact]
    public void Subscription_UnknownEventType_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() =>
            new WebhookSubscription("https://a.example", null, ["order.shipped"], WebhookUrlPolicy.Strict, DateTimeOffset.UtcNow));
        Assert.Contains("order.shipped", ex.Message);
    }

    [Fact]
    public void Subscription_GetsASecret_AndRotatingReplacesIt()
    {
        var s = new WebhookSubscription("https://a.example", null, [WebhookEventTypes.CustomerCreated], WebhookUrlPolicy.Strict, DateTimeOffset.UtcNow);
        var before = s.Secret;

        s.RotateSecret(DateTimeOffset.UtcNow);

        Assert.StartsWith("whsec_", before);
        Assert.Equal(70, before.Length);
        Assert.NotEqual(before, s.Secret);
        Assert.True(s.Wants(WebhookEventTypes.CustomerCreated));
        Assert.False(s.Wants(WebhookEventTypes.CustomerUpdated));
    }
}
