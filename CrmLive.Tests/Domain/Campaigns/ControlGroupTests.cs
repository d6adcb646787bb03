using CrmLive.Domain.Campaigns;

namespace CrmLive.Tests.Domain.Campaigns;

public class ControlGroupTests
{
    // Seeded, so the shares below are the same on every run.
    private static List<Guid> Customers(int count, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[16];
        return Enumerable.Range(0, count).Select(_ =>
        {
            random.NextBytes(bytes);
            return new Guid(bytes);
        }).ToList();
    }

    private static readonly Guid SpringSale = Guid.Parse("5f0c2d7e-4a1b-4c3d-9e8f-0a1b2c3d4e5f");

    private static readonly Guid Newsletter = Guid.Parse("c8b7a6f5-e4d3-4c2b-8a19-f0e1d2c3b4a5");

    [Fact]
    public void IsHeldOut_IsDeterministic()
    {
        foreach (var customer in Customers(500, seed: 1))
            Assert.Equal(ControlGroup.IsHeldOut(SpringSale, customer, 20), ControlGroup.IsHeldOut(SpringSale, customer, 20));
    }

    [Fact]
    public void IsHeldOut_ZeroPercent_HoldsNobody() =>
        Assert.DoesNotContain(Customers(5_000, seed: 2), c => ControlGroup.IsHeldOut(SpringSale, c, 0));

    [Fact]
    public void IsHeldOut_TenPercent_HoldsAboutTenPercent()
    {
        var customers = Customers(20_000, seed: 3);

        var share = customers.Count(c => ControlGroup.IsHeldOut(SpringSale, c, 10)) / (double)customers.Count;

        Assert.InRange(share, 0.09, 0.11);
    }

    [Fact]
    public void IsHeldOut_LargerPercent_HoldsASuperset()
    {
        // The hash decides a customer's bucket once, so raising the percentage only adds customers.
        foreach (var customer in Customers(2_000, seed: 4).Where(c => ControlGroup.IsHeldOut(SpringSale, c, 10)))
            Assert.True(ControlGroup.IsHeldOut(SpringSale, customer, 25));
    }

    [Fact]
    public void IsHeldOut_DifferentCampaigns_HoldOutIndependentGroups()
    {
        var customers = Customers(20_000, seed: 5);

        var both = customers.Count(c => ControlGroup.IsHeldOut(SpringSale, c, 10) && ControlGroup.IsHeldOut(Newsletter, c, 10));

        // Independent 10% groups share about 10% × 10% = 1% of the audience; the same group would share 10%.
        Assert.InRange(both / (double)customers.Count, 0.006, 0.014);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(51)]
    public void IsHeldOut_RejectsPercentOutOfRange(int percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ControlGroup.IsHeldOut(SpringSale, Guid.Empty, percent));

    [Fact]
    public void IsHeldOut_AcceptsFiftyPercent()
    {
        var customers = Customers(10_000, seed: 6);

        var share = customers.Count(c => ControlGroup.IsHeldOut(SpringSale, c, 50)) / (double)customers.Count;

        Assert.InRange(share, 0.48, 0.52);
    }
}
