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

    [Theory]
    [InlineData("http://localhost:5005/hooks")]
    [InlineData("http://127.0.0.1/hooks")]
    [InlineData("http://[::1]:8080/hooks")]
    [InlineData("https://hooks.example.com/crm?x=1")]
    public void Url_HttpsOrLoopback_IsAccepted(string url) => Assert.Equal(url, WebhookUrl.Validate(url, allowHttp: false));

    [Fact]
    public void Url_PlainHttp_IsAcceptedOnlyWhenAllowed()
    {
        Assert.Throws<DomainException>(() => WebhookUrl.Validate("http://hooks.example.com", allowHttp: false));
        Assert.Equal("http://hooks.example.com", WebhookUrl.Validate(" http://hooks.example.com ", allowHttp: true));
    }

    [Fact]
    public void Subscription_UnknownEventType_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() =>
            new WebhookSubscription("https://a.example", null, ["order.shipped"], false, DateTimeOffset.UtcNow));
        Assert.Contains("order.shipped", ex.Message);
    }

    [Fact]
    public void Subscription_GetsASecret_AndRotatingReplacesIt()
    {
        var s = new WebhookSubscription("https://a.example", null, [WebhookEventTypes.CustomerCreated], false, DateTimeOffset.UtcNow);
        var before = s.Secret;

        s.RotateSecret(DateTimeOffset.UtcNow);

        Assert.StartsWith("whsec_", before);
        Assert.Equal(70, before.Length);
        Assert.NotEqual(before, s.Secret);
        Assert.True(s.Wants(WebhookEventTypes.CustomerCreated));
        Assert.False(s.Wants(WebhookEventTypes.CustomerUpdated));
    }
}
