using CrmLive.Domain.Common;
using CrmLive.Domain.Tickets;

namespace CrmLive.Tests.Domain;

public class SlaSettingsTests
{
    [Fact]
    public void Defaults_AreAroundTheClockInUtc()
    {
        var policy = new SlaSettings().ToPolicy();

        Assert.Null(policy.BusinessHours);
        Assert.Equal(TimeSpan.FromHours(4), policy.Target(TicketPriority.Urgent));
        Assert.Equal(TimeSpan.FromHours(72), policy.Target(TicketPriority.Low));
    }

    [Fact]
    public void Update_StoresValidHoursAndTheirPolicy()
    {
        var settings = new SlaSettings();

        settings.Update(2, 6, 16.5, 40, "  Mon-Fri 09:00-17:00 ; Sat 10:00-14:00 ", "Europe/Berlin");

        Assert.Equal(16.5, settings.NormalHours);
        Assert.Equal("Mon-Fri 09:00-17:00\nSat 10:00-14:00", settings.BusinessHours);
        Assert.Equal("Europe/Berlin", settings.TimeZone);
        var policy = settings.ToPolicy();
        Assert.NotNull(policy.BusinessHours);
        Assert.Equal(TimeSpan.FromHours(16.5), policy.Target(TicketPriority.Normal));
    }

    [Theory]
    [InlineData(0, 8, 24, 72, "", "UTC", "Urgent must be more than zero")]
    [InlineData(4, -1, 24, 72, "", "UTC", "High must be more than zero")]
    [InlineData(4, 8, double.NaN, 72, "", "UTC", "Normal must be more than zero")]
    [InlineData(4, 8, 24, 9000, "", "UTC", "Low must be under a year")]
    [InlineData(4, 8, 24, 72, "", "Mars/Olympus", "not a time zone")]
    [InlineData(4, 8, 24, 72, "weekdays 9 to 5", "UTC", "is not like 'Mon-Fri 09:00-17:00'")]
    [InlineData(4, 8, 24, 72, "Mon-Fri 17:00-09:00", "UTC", "closing time must be after the opening time")]
    public void Update_RejectsWhatCannotBeAPolicy_AndKeepsTheOldValues(double urgent, double high, double normal,
        double low, string hours, string zone, string message)
    {
        var settings = new SlaSettings();

        var error = Assert.Throws<DomainException>(() => settings.Update(urgent, high, normal, low, hours, zone));

        Assert.Contains(message, error.Message);
        Assert.Equal(4, settings.UrgentHours);
        Assert.Equal(8, settings.HighHours);
        Assert.Equal("", settings.BusinessHours);
        Assert.Equal("UTC", settings.TimeZone);
    }
}
