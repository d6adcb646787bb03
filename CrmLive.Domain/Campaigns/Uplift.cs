using System.Globalization;

namespace CrmLive.Domain.Campaigns;

/// <summary>A confidence interval of a rate or a difference of rates, on the 0..1 scale.</summary>
public sealed record RateInterval(double Lower, double Upper);

/// <summary>
/// How much better customers who got a campaign converted than the held-out control group, with a confidence
/// interval of the difference (rates and bounds on the 0..1 scale; <see cref="Confidence"/> e.g. 0.95).
/// </summary>
public sealed record UpliftEstimate(int TreatedConverted, int Treated, int ControlConverted, int Control,
    double TreatedRate, double ControlRate, double Difference, double Lower, double Upper, double Confidence)
{
    public bool HasControl => Control > 0 && Treated > 0;

    /// <summary>True when the whole interval is above zero.</summary>
    // Computed on read rather than stored, so a `with` copy cannot carry a stale verdict.
    public bool IsPositive => HasControl && Lower > 0;

    /// <summary>True when the whole interval is below zero.</summary>
    public bool IsNegative => HasControl && Upper < 0;

    /// <summary>Relative uplift (TreatedRate/ControlRate − 1); null when the control rate is 0 or there is no control.</summary>
    public double? Relative => HasControl && ControlRate > 0 ? TreatedRate / ControlRate - 1 : null;

    /// <summary>The result in plain words for a manager.</summary>
    public string Explain()
    {
        if (Treated == 0)
            return "Nobody has been reached yet.";
        if (Control == 0)
            return "No control group: the campaign's effect cannot be measured.";

        var points = Difference * 100;
        var change = Math.Round(points, 1) switch
        {
            > 0 => $"{Number(points)} points more",
            < 0 => $"{Number(-points)} points fewer",
            _ => "no difference",
        };
        var verdict = IsPositive ? "That is unlikely to be chance: the campaign works."
            : IsNegative ? "That is unlikely to be chance: the campaign seems to put customers off."
            : "That could still be chance: keep the campaign running to learn more.";
        return $"Customers who got the campaign bought at {Percent(TreatedRate)} ({TreatedConverted} of {Treated}), "
            + $"against {Percent(ControlRate)} ({ControlConverted} of {Control}) in the control group: {change} "
            + $"({Number(Confidence * 100, "0.#")}% interval {Signed(Lower * 100)} to {Signed(Upper * 100)} points). {verdict}";
    }

    private static string Number(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Percent(double rate) => Number(rate * 100) + "%";

    // Signs follow the rounded value, so a bound of −0.04 reads "0.0" rather than "−0.0".
    private static string Signed(double value) => Math.Round(value, 1) switch
    {
        > 0 => "+" + Number(value),
        < 0 => "\u2212" + Number(-value),
        _ => Number(0),
    };
}

/// <summary>Conversion rates and their difference with intervals that behave at small counts and rates near 0 or 1.</summary>
public static class Uplift
{
    /// <summary>The two-sided 95% quantile of the standard normal distribution.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Wilson score interval of a proportion (0..1 scale). trials == 0 gives (0, 1).</summary>
    public static RateInterval Wilson(int successes, int trials, double z = Z95)
    {
        CheckCounts(successes, trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);
        if (trials == 0)
            return new RateInterval(0, 1);

        double n = trials, p = successes / n, zz = z * z;
        var denominator = 1 + zz / n;
        var centre = (p + zz / (2 * n)) / denominator;
        var halfWidth = z / denominator * Math.Sqrt(p * (1 - p) / n + zz / (4 * n * n));
        // Clamp rounding noise at 0/n and n/n, where the exact bound is 0 or 1.
        return new RateInterval(Math.Max(0, centre - halfWidth), Math.Min(1, centre + halfWidth));
    }

    /// <summary>
    /// Difference of two proportions (treated − control) with Newcombe's hybrid score interval (method 10 of
    /// Newcombe 1998), built from the two Wilson intervals: better than the Wald interval at small counts and rates near 0.
    /// </summary>
    public static UpliftEstimate Estimate(int treatedConverted, int treated, int controlConverted, int control)
    {
        CheckCounts(treatedConverted, treated);
        CheckCounts(controlConverted, control);

        var treatedRate = Rate(treatedConverted, treated);
        var controlRate = Rate(controlConverted, control);
        var treatedInterval = Wilson(treatedConverted, treated);
        var controlInterval = Wilson(controlConverted, control);
        var difference = treatedRate - controlRate;
        var lower = difference - Math.Sqrt(Square(treatedRate - treatedInterval.Lower) + Square(controlInterval.Upper - controlRate));
        var upper = difference + Math.Sqrt(Square(treatedInterval.Upper - treatedRate) + Square(controlRate - controlInterval.Lower));
        return new UpliftEstimate(treatedConverted, treated, controlConverted, control,
            treatedRate, controlRate, difference, lower, upper, 0.95);
    }

    private static double Rate(int successes, int trials) => trials == 0 ? 0 : (double)successes / trials;

    private static double Square(double x) => x * x;

    private static void CheckCounts(int successes, int trials)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
    }
}
