namespace CrmLive.Domain.Analytics;

/// <summary>
/// Lifetime value as README.md ("Lifetime value") documents it: what the customer has spent so far plus what they are
/// expected to spend in the next twelve months, which is their average order value times their yearly order rate
/// times the chance that they stay (1 − churn risk). The yearly rate counts from the first order, over at least
/// <see cref="MinimumSpan"/>, so a single recent order does not project into dozens a year.
/// </summary>
public static class LifetimeValue
{
    public static readonly TimeSpan MinimumSpan = TimeSpan.FromDays(90);
    private const double DaysPerYear = 365.25;

    public static decimal Of(CustomerFeatures features, double churnRisk, DateTimeOffset asOf)
    {
        if (!features.HasOrders || features.FirstOrderAt is not { } first) return 0m;
        var averageOrder = features.Revenue / features.Orders;
        var spanDays = Math.Max((asOf - first).TotalDays, MinimumSpan.TotalDays);
        var ordersPerYear = features.Orders / spanDays * DaysPerYear;
        var stay = 1 - Math.Clamp(churnRisk, 0, 1);
        var expected = averageOrder * (decimal)(ordersPerYear * stay);
        return decimal.Round(features.Revenue + expected, 2, MidpointRounding.AwayFromZero);
    }
}
