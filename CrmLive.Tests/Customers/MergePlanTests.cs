using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;

namespace CrmLive.Tests.Customers;

/// <summary>The merge policy and duplicate keys on their own: who wins, what is united, what is dropped.</summary>
public class MergePlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Plan_SurvivorWins_OtherFillsGaps_ContactsAreUnitedUpToTheLimit()
    {
        var survivor = new Customer("Ana Lima", "ana@x.example", null, null, Now);
        survivor.SetOtherContacts(Enumerable.Range(1, 9).Select(i => $"a{i}@x.example"), ["+351 912 000 001"]);
        var other = new Customer("Ana L.", "ana.l@y.example", "+351 912 345 678", null, Now);
        other.SetOtherContacts(["a1@x.example", "z1@y.example", "z2@y.example"], ["+351 (912) 000-001"]);
        other.SetAddress(Address.Create("Rua 1", "Lisboa", "1000-001", "PT"));
        other.SetLocale("pt-PT", "Europe/Lisbon");

        var plan = CustomerMerge.Plan(survivor, other);
        plan.ApplyTo(survivor, other);

        Assert.Equal("Ana Lima", survivor.Name);
        Assert.Equal("ana@x.example", survivor.Email);
        Assert.Equal("+351 912 345 678", survivor.Phone);
        Assert.Equal(ContactPoints.MaxOthers, survivor.OtherEmails.Count);
        Assert.Contains("ana.l@y.example", survivor.OtherEmails);
        Assert.Equal(["z1@y.example", "z2@y.example"], plan.DroppedEmails);
        Assert.Equal(["+351 912 000 001"], survivor.OtherPhones); // the same digits written differently count once
        Assert.Equal("Lisboa", survivor.Address.City);
        Assert.Equal("pt-PT", survivor.Language);
        Assert.True(Assert.Single(plan.Fields, f => f.Field == "Phone").TakesFromOther);
        Assert.False(Assert.Single(plan.Fields, f => f.Field == "E-mail").TakesFromOther);
        Assert.Contains("ana.l@y.example", survivor.SearchText);
    }

    [Fact]
    public void Plan_OfARecordWithItself_IsRefused()
    {
        var c = new Customer("Solo", null, null, null, Now);
        Assert.Throws<DomainException>(() => CustomerMerge.Plan(c, c));
    }

    [Fact]
    public void Keys_MatchByAnyEmailPhoneDigitsOrNormalisedName_NotByShortNumbersOrErasedNames()
    {
        var a = DuplicateKeys.Of("Ana  LIMA", ["ana@x.example", "other@y.example"], ["+44 (0)20 7946 0958"]);
        Assert.Equal([DuplicateReason.Email], a.Match(DuplicateKeys.Of("Someone", ["OTHER@y.example"], [])));
        Assert.Equal([DuplicateReason.Phone], a.Match(DuplicateKeys.Of("Someone", [], ["440207946-0958"])));
        Assert.Equal([DuplicateReason.Name], a.Match(DuplicateKeys.Of(" ana lima ", [], [])));
        Assert.Empty(DuplicateKeys.Of("X", [], ["12345"]).Match(DuplicateKeys.Of("Y", [], ["12-345"])));
        Assert.Empty(DuplicateKeys.Of(Customer.ErasedName, [], []).Match(DuplicateKeys.Of(Customer.ErasedName, [], [])));
    }

    [Fact]
    public void Erase_ClearsEveryPersonalField_AndTheSearchText()
    {
        var c = new Customer("Ana Lima", "ana@x.example", "+351 912 345 678", null, Now, "Acme");
        c.SetOtherContacts(["b@x.example"], ["+351 912 000 001"]);
        c.SetExternalId("shop-1");
        c.SetAddress(Address.Create("Rua 1", "Lisboa", null, "PT"));

        c.Erase();

        Assert.True(c.IsErased);
        Assert.Equal((Customer.ErasedName, null, null, null), (c.Name, c.Email, c.Phone, c.ExternalId));
        Assert.Empty(c.OtherEmails);
        Assert.True(c.Address.IsEmpty);
        Assert.Equal("erased customer | acme", c.SearchText);
    }
}
