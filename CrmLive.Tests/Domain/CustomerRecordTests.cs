using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Notes;

namespace CrmLive.Tests.Domain;

public class CustomAttributeTests
{
    private static CustomAttributeDefinition Field(AttributeType type, bool required = false, params string[] choices) =>
        new(AttributeTarget.Customer, "Renewal date", type, choices, required, 0);

    [Theory]
    [InlineData(AttributeType.Number, "1234.5", null, 1234.5)]
    [InlineData(AttributeType.Number, " -3 ", null, -3.0)]
    [InlineData(AttributeType.Text, "  Gold plan ", "Gold plan", null)]
    public void Parse_AcceptsWellTypedValues(AttributeType type, string input, string? text, double? number)
    {
        var value = Field(type).Parse(input);
        Assert.Equal(text, value.Text);
        Assert.Equal(number is null ? null : (decimal)number.Value, value.Number);
    }

    [Fact]
    public void Parse_Date_IsIsoOnly()
    {
        Assert.Equal(new DateOnly(2026, 11, 23), Field(AttributeType.Date).Parse("2026-11-23").Date);
        var ex = Assert.Throws<DomainException>(() => Field(AttributeType.Date).Parse("23/11/2026"));
        Assert.Contains("2026-11-23", ex.Message);
        Assert.Throws<DomainException>(() => Field(AttributeType.Date).Parse("2026-02-30"));
    }

    [Fact]
    public void Parse_Choice_MatchesIgnoringCase_AndNamesTheChoicesWhenWrong()
    {
        var plan = Field(AttributeType.Choice, false, "Free", "Pro");
        Assert.Equal("Pro", plan.Parse("pro").Text);
        var ex = Assert.Throws<DomainException>(() => plan.Parse("Enterprise"));
        Assert.Contains("Free, Pro", ex.Message);
    }

    [Fact]
    public void Parse_Blank_IsNoValue_UnlessRequired()
    {
        Assert.True(Field(AttributeType.Number).Parse("  ").IsEmpty);
        Assert.Throws<DomainException>(() => Field(AttributeType.Number, required: true).Parse(""));
        Assert.Throws<DomainException>(() => Field(AttributeType.Number).Parse("twelve"));
        Assert.Throws<DomainException>(() => Field(AttributeType.Text).Parse(new string('x', 501)));
    }

    [Fact]
    public void Definition_NeedsChoicesForAChoiceField_AndGetsAStableKey()
    {
        Assert.Throws<DomainException>(() => Field(AttributeType.Choice));
        var field = Field(AttributeType.Text);
        Assert.Equal("renewal_date", field.Key);
        field.Edit("Contract renewal", null, false, 1);
        Assert.Equal("renewal_date", field.Key);
        Assert.Equal("12.5", new AttributeValue(null, 12.50m, null).Display());
    }
}

public class MentionTests
{
    [Fact]
    public void Handle_IsTheNameInLowerCaseWithDots()
    {
        Assert.Equal("sofia.martins", Mentions.HandleFor("Sofia Martins"));
        Assert.Equal("liam.obrien", Mentions.HandleFor("Liam O'Brien"));
        Assert.Equal("jose.garcia", Mentions.HandleFor("José García"));
    }

    [Fact]
    public void Find_SkipsEmailsAndCode_AndListsEachOnce()
    {
        var found = Mentions.Find("@sofia.martins see this. Mail liam@shop.example, not `@yuki.tanaka`.\n" +
                                  "```\n@ada.admin\n```\nThanks @Sofia.Martins and @liam.obrien.");
        Assert.Equal(["sofia.martins", "liam.obrien"], found);
    }

    [Fact]
    public void Resolve_IgnoresHandlesNobodyHas()
    {
        var people = new[] { "Sofia Martins", "Liam O'Brien" };
        var resolved = Mentions.Resolve("@liam.obrien and @nobody.here", people, p => p);
        Assert.Equal(["Liam O'Brien"], resolved);
    }
}

public class CustomerFieldTests
{
    [Fact]
    public void Contacts_AreValidated_AndSearchTextHoldsPhoneDigitsAndCompany()
    {
        var c = new Customer("Ada Lovelace", " Ada@Example.COM ", "+44 (0)20 7946-0958", null, DateTimeOffset.UnixEpoch, "Analytical Engines");
        Assert.Equal("ada@example.com", c.Email);
        Assert.Contains("4402079460958", c.SearchText);
        Assert.Contains("analytical engines", c.SearchText);
        Assert.Throws<DomainException>(() => c.SetContact("ada@", null));
        Assert.Throws<DomainException>(() => c.SetContact(null, "call me"));
        Assert.Throws<DomainException>(() => c.SetOtherContacts(Enumerable.Range(0, 11).Select(i => $"a{i}@x.example"), []));
    }

    [Theory]
    [InlineData("+49 30 1234", "49301234")]
    [InlineData("(030) 12-34", "0301234")]
    [InlineData("Ada", "ada")]
    [InlineData("ada@Shop", "ada@shop")]
    public void SearchTerm_PhoneLikeTermsBecomeDigits(string term, string expected) =>
        Assert.Equal(expected, CustomerSearchText.NormalizeTerm(term));

    [Fact]
    public void Address_And_Locale_AreChecked()
    {
        Assert.Equal("DE", Address.Create(null, "Berlin", null, "de").Country);
        Assert.Throws<DomainException>(() => Address.Create(null, null, null, "Germany"));
        Assert.Equal("de-AT", Locale.Language("de-at"));
        Assert.Throws<DomainException>(() => Locale.Language("klingon-xx-yy"));
        Assert.Throws<DomainException>(() => Locale.TimeZone("Mars/Base"));
        Assert.Equal("Europe/Berlin", Locale.TimeZone("Europe/Berlin"));
    }
}
