using CrmLive.Domain.Campaigns;

namespace CrmLive.Tests.Domain.Campaigns;

public class MergeFieldsTests
{
    private static readonly MergeValues Maria = new("Maria  de la Cruz", new DateOnly(2026, 3, 4), 1234.5m, "EUR", "Gold", "Loyal");

    private static readonly MergeValues Unknown = new("", null, null, null, null, null);

    [Theory]
    [InlineData("{{first_name}}", "Maria")]
    [InlineData("{{name}}", "Maria  de la Cruz")]
    [InlineData("{{last_order_date}}", "4 March 2026")]
    [InlineData("{{last_order_total}}", "1234\\.50 EUR")]
    [InlineData("{{loyalty_tier}}", "Gold")]
    [InlineData("{{segment}}", "Loyal")]
    public void Apply_EachField(string markdown, string expected) => Assert.Equal(expected, MergeFields.Apply(markdown, Maria));

    [Fact]
    public void Apply_TotalWithoutCurrency_IsJustTheNumber() =>
        Assert.Equal("19\\.90", MergeFields.Apply("{{last_order_total}}", Maria with { LastOrderTotal = 19.9m, LastOrderCurrency = null }));

    [Fact]
    public void Apply_FieldInsideASentence()
    {
        var text = MergeFields.Apply("Hi {{first_name}}, thanks for your order of {{ last_order_date }}!", Maria);

        Assert.Equal("Hi Maria, thanks for your order of 4 March 2026!", text);
    }

    [Fact]
    public void Apply_MissingValue_UsesTheFallbackOrNothing()
    {
        Assert.Equal("Hi there!", MergeFields.Apply("Hi {{first_name|there}}!", Unknown));
        Assert.Equal("Hi there!", MergeFields.Apply("Hi {{ first_name | there }}!", Unknown));
        Assert.Equal("Hi !", MergeFields.Apply("Hi {{first_name}}!", Unknown));
        Assert.Equal("Tier: ", MergeFields.Apply("Tier: {{loyalty_tier}}", Unknown));
        Assert.Equal("Hi Maria!", MergeFields.Apply("Hi {{first_name|there}}!", Maria));
    }

    [Fact]
    public void Apply_NamesAreCaseInsensitive() =>
        Assert.Equal("Maria / Gold", MergeFields.Apply("{{First_Name}} / {{LOYALTY_TIER}}", Maria));

    [Fact]
    public void Apply_UnknownFieldsStayAsTyped() =>
        Assert.Equal("Hi Maria, {{ shoe_size }} {{nickname|pal}}", MergeFields.Apply("Hi {{first_name}}, {{ shoe_size }} {{nickname|pal}}", Maria));

    [Fact]
    public void Apply_NoFields_LeavesTheTextAlone()
    {
        const string text = "**Spring sale** – 20% off [everything](https://example.com)!";

        Assert.Equal(text, MergeFields.Apply(text, Maria));
    }

    [Fact]
    public void Apply_EscapesHostileValuesForMarkdown()
    {
        var hostile = Maria with { FullName = "*x* [a](javascript:alert(1)) <b>&amp;</b> `code` ~~s~~ #1 _u_ !|\\" };

        Assert.Equal(
            @"\*x\* \[a\]\(javascript:alert\(1\)\) \<b\>\&amp;\</b\> \`code\` \~\~s\~\~ \#1 \_u\_ \!\|\\",
            MergeFields.Apply("{{name}}", hostile));
        Assert.Equal(@"\<img", MergeFields.Apply("{{first_name}}", hostile with { FullName = "<img src=x>" }));
    }

    [Fact]
    public void Apply_ValuesCannotStartANewBlock() =>
        Assert.Equal(@"Ann \# Heading", MergeFields.Apply("{{name}}", Maria with { FullName = "Ann\n# Heading" }));

    [Fact]
    public void Apply_EscapesTheFallbackToo() =>
        Assert.Equal(@"Hi \*friend\*", MergeFields.Apply("Hi {{first_name|*friend*}}", Unknown));

    [Fact]
    public void UnknownFields_ListsEachUnknownNameOnce()
    {
        var unknown = MergeFields.UnknownFields("{{first_name}} {{Shoe_Size}} {{ shoe_size }} {{nickname|pal}} {{SEGMENT}}");

        Assert.Equal(["Shoe_Size", "nickname"], unknown);
    }

    [Fact]
    public void UnknownFields_NoFields_IsEmpty() => Assert.Empty(MergeFields.UnknownFields("Just text, {single} braces."));

    [Fact]
    public void Available_ListsTheSixFieldsWithDescriptions()
    {
        Assert.Equal(["first_name", "name", "last_order_date", "last_order_total", "loyalty_tier", "segment"],
            MergeFields.Available.Select(f => f.Name));
        Assert.All(MergeFields.Available, f => Assert.False(string.IsNullOrWhiteSpace(f.Description)));
        Assert.Empty(MergeFields.UnknownFields(string.Join(" ", MergeFields.Available.Select(f => $"{{{{{f.Name}}}}}"))));
    }

    [Fact]
    public void FirstName_IsTheFirstWord()
    {
        Assert.Equal("Maria", Maria.FirstName);
        Assert.Equal("Jo", (Maria with { FullName = "  Jo\tSmith " }).FirstName);
        Assert.Equal("", Unknown.FirstName);
    }

    [Fact]
    public void Sample_IsAFullCustomer()
    {
        var sample = MergeFields.Sample(new DateOnly(2026, 5, 20));

        Assert.Equal("Hi Alex, your order of 8 May 2026 (84\\.90 EUR) made you Gold, Loyal",
            MergeFields.Apply("Hi {{first_name}}, your order of {{last_order_date}} ({{last_order_total}}) made you {{loyalty_tier}}, {{segment}}", sample));
        Assert.Equal("Alex Sample", sample.FullName);
    }
}
