using CrmLive.Domain.Common;
using CrmLive.Domain.Team;

namespace CrmLive.Tests.Domain;

public class InvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static Invitation New(TimeSpan? lifetime = null) =>
        new(" Ana@Shop.Example ", "Ana", "Agent", Invitation.HashToken("t"), "Ada", Now, lifetime ?? TimeSpan.FromDays(7));

    [Fact]
    public void IsPendingUntilItExpires_ThenExpired()
    {
        var invitation = New();
        Assert.Equal("ana@shop.example", invitation.Email);
        Assert.Equal(InvitationState.Pending, invitation.StateAt(Now.AddDays(7).AddTicks(-1)));
        Assert.Equal(InvitationState.Expired, invitation.StateAt(Now.AddDays(7)));
        var ex = Assert.Throws<DomainException>(() => invitation.Accept(Now.AddDays(8)));
        Assert.Contains("expired", ex.Message);
    }

    [Fact]
    public void OpensOnce()
    {
        var invitation = New();
        invitation.Accept(Now.AddHours(1));
        Assert.Equal(InvitationState.Accepted, invitation.StateAt(Now.AddHours(2)));
        Assert.Contains("already been used", Assert.Throws<DomainException>(() => invitation.Accept(Now.AddHours(2))).Message);
        Assert.Throws<DomainException>(() => invitation.Revoke(Now.AddHours(2)));
    }

    [Fact]
    public void AWithdrawnInvitation_CannotBeAccepted()
    {
        var invitation = New();
        invitation.Revoke(Now);
        Assert.Contains("withdrawn", Assert.Throws<DomainException>(() => invitation.Accept(Now)).Message);
    }

    [Fact]
    public void Tokens_AreLongRandomAndUrlSafe_AndOnlyTheirHashIsKept()
    {
        var a = Invitation.NewToken();
        var b = Invitation.NewToken();
        Assert.NotEqual(a, b);
        Assert.True(a.Length >= 43);
        Assert.DoesNotContain(a, c => c is '+' or '/' or '=');
        Assert.Equal(64, Invitation.HashToken(a).Length);
        Assert.NotEqual(a, Invitation.HashToken(a));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("two@@example.com")]
    [InlineData("a@nodot")]
    [InlineData("sp ace@example.com")]
    public void BadAddresses_AreRefused(string email) =>
        Assert.Throws<DomainException>(() => StaffEmail.Normalize(email));

    [Fact]
    public void ALifetimeMustBePositive() =>
        Assert.Throws<DomainException>(() => New(TimeSpan.Zero));
}
