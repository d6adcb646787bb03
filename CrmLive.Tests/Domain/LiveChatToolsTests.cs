using System.Text;
using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;

namespace CrmLive.Tests.Domain;

public class WeeklyHoursTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("2026-11-23T08:30:00Z", true)]  // Monday 09:30 in Berlin (UTC+1)
    [InlineData("2026-11-23T07:59:00Z", false)] // Monday 08:59
    [InlineData("2026-11-23T16:29:00Z", true)]  // Monday 17:29
    [InlineData("2026-11-23T16:30:00Z", false)] // Monday 17:30: closed at closing time
    [InlineData("2026-11-28T10:00:00Z", true)]  // Saturday 11:00
    [InlineData("2026-11-28T13:00:00Z", false)] // Saturday 14:00
    [InlineData("2026-11-29T10:00:00Z", false)] // Sunday
    [InlineData("2026-07-06T07:30:00Z", true)]  // Monday 09:30 in summer time (UTC+2)
    public void IsOpenAt_ReadsTheInboxWallClock(string utc, bool open)
    {
        var hours = WeeklyHours.Parse("Mon-Fri 09:00-17:30\nSaturday 10:00-14:00");

        Assert.Equal(open, hours.IsOpenAt(DateTimeOffset.Parse(utc), Berlin));
    }

    [Fact]
    public void EmptyScheduleIsAlwaysOpen_AndRangesMayWrapTheWeek()
    {
        Assert.True(WeeklyHours.Parse("").IsOpenAt(DateTimeOffset.Parse("2026-11-29T03:00:00Z"), Berlin));
        var weekend = WeeklyHours.Parse("Sat-Mon 08:00-24:00");
        Assert.True(weekend.IsOpenAt(DateTimeOffset.Parse("2026-11-29T22:30:00Z"), Berlin)); // Sunday 23:30
        Assert.False(weekend.IsOpenAt(DateTimeOffset.Parse("2026-11-25T12:00:00Z"), Berlin)); // Wednesday
    }

    [Theory]
    [InlineData("Mon-Fri 9-5")]
    [InlineData("Funday 09:00-17:00")]
    [InlineData("Mon 17:00-09:00")]
    [InlineData("whenever")]
    public void ParsingExplainsWhatIsWrong(string text) =>
        Assert.Throws<DomainException>(() => WeeklyHours.Parse(text));
}

public class SignedIdentityTests
{
    [Fact]
    public void OnlyTheHmacOfThatIdWithThatSecretIsValid()
    {
        var secret = SignedIdentity.NewSecret();
        var signature = SignedIdentity.Sign("nw-000042", secret);

        Assert.True(SignedIdentity.IsValid("nw-000042", signature, secret));
        Assert.True(SignedIdentity.IsValid("nw-000042", signature.ToUpperInvariant(), secret));
        Assert.False(SignedIdentity.IsValid("nw-000043", signature, secret));
        Assert.False(SignedIdentity.IsValid("nw-000042", signature, SignedIdentity.NewSecret()));
        Assert.False(SignedIdentity.IsValid("nw-000042", null, secret));
        Assert.False(SignedIdentity.IsValid("nw-000042", signature, ""));
    }

    [Fact]
    public void SignatureIsHexHmacSha256_AsAShopBackendWouldComputeIt()
    {
        // RFC 4231 test case 2.
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            SignedIdentity.Sign("what do ya want for nothing?", "Jefe"));
    }
}

public class FileSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, "application/octet-stream")]
    public void RecognisesFilesByTheirBytes(byte[] head, string expected) =>
        Assert.Equal(expected, FileSniffer.Sniff(head));

    [Theory]
    [InlineData("Order 4711 — größe M, bitte 🙂", "text/plain")]
    [InlineData("  <svg onload=alert(1)>", "application/octet-stream")]
    [InlineData("<!DOCTYPE html><p>hi", "application/octet-stream")]
    public void MarkupIsNeverText(string content, string expected) =>
        Assert.Equal(expected, FileSniffer.Sniff(Encoding.UTF8.GetBytes(content)));

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\report.pdf", "report.pdf")]
    [InlineData("a\"<b>.png", "ab.png")]
    [InlineData("..", "file")]
    public void FileNamesLoseTheirPathsAndTricks(string name, string expected) =>
        Assert.Equal(expected, FileSniffer.CleanFileName(name));

    [Fact]
    public void RulesRefuseWithAReason()
    {
        var rules = AttachmentRules.Create(["image/png", "application/pdf"], 1024);

        Assert.Null(rules.Refusal("image/png", 1024));
        Assert.Contains("at most 1 KB", rules.Refusal("image/png", 1025));
        Assert.Contains("Allowed: PNG, PDF", rules.Refusal("text/plain", 10));
        Assert.Throws<DomainException>(() => AttachmentRules.Create(["image/svg+xml"], 1024));
    }
}

public class ComposerToolsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T10:00:00Z");

    [Fact]
    public void CannedResponses_MatchShortcutPrefixFirst()
    {
        var all = new[]
        {
            new CannedResponse("/Returns", "You can return anything within 30 days.", Now),
            new CannedResponse("shipping-times", "Orders ship in two days.", Now),
            new CannedResponse("refund", "Refunds take 5 days; returns are free.", Now),
        };

        Assert.Equal(["refund", "returns"], CannedResponse.Match(all, "/re").Select(c => c.Shortcut));
        Assert.Equal(["returns", "refund"], CannedResponse.Match(all, "return").Select(c => c.Shortcut));
        Assert.Equal(3, CannedResponse.Match(all, "/").Count());
        Assert.Throws<DomainException>(() => new CannedResponse("has space", "x", Now));
    }

    [Theory]
    [InlineData("VIP Customer", "vip-customer")]
    [InlineData("  billing!! ", "billing")]
    [InlineData("Rückgabe", "rückgabe")]
    public void Labels_AreNormalised(string typed, string expected) =>
        Assert.Equal(expected, ConversationLabel.Normalize(typed));

    [Fact]
    public void Snooze_WakesBackToItsAgent_OrWhenTheCustomerWrites()
    {
        var conversation = new Conversation(Guid.NewGuid(), Guid.NewGuid(), null, Now);
        conversation.AssignTo("agent-1");

        conversation.Snooze(Now.AddHours(2), Now);
        Assert.Equal(ConversationStatus.Snoozed, conversation.Status);
        Assert.Throws<DomainException>(() => conversation.Snooze(Now.AddMinutes(-1), Now));

        conversation.Append(MessageSender.Customer, "Any news?", Now.AddMinutes(5));
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Null(conversation.SnoozedUntil);

        conversation.TransferTo(null);
        Assert.Equal(ConversationStatus.WaitingForAgent, conversation.Status);
        Assert.Null(conversation.AssignedAgentId);
    }
}

public class SnoozePresetsTests
{
    [Fact]
    public void TomorrowAndMonday_AreNineOnTheAgentsClock()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var fridayEvening = DateTimeOffset.Parse("2026-11-27T18:30:00Z"); // 19:30 in Berlin

        var presets = SnoozePresets.For(fridayEvening, berlin);

        Assert.Equal(DateTimeOffset.Parse("2026-11-27T19:30:00Z"), presets[0].Until);
        Assert.Equal(DateTimeOffset.Parse("2026-11-28T08:00:00Z"), presets[2].Until); // Saturday 9:00 CET
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T08:00:00Z"), presets[3].Until); // Monday 9:00 CET
    }
}
