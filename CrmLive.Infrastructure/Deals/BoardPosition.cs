namespace CrmLive.Infrastructure.Deals;

/// <summary>
/// Order within a board column as a fractional position: a move writes only the moved deal, placed halfway
/// between its new neighbours. Only when doubles run out of room between two neighbours is the column renumbered.
/// </summary>
internal static class BoardPosition
{
    public const double Gap = 1024;

    /// <summary>A position between <paramref name="above"/> and <paramref name="below"/> (either may be missing), or null when none is left.</summary>
    public static double? Between(double? above, double? below) => (above, below) switch
    {
        (null, null) => 0,
        ({ } a, null) => a + Gap,
        (null, { } b) => b - Gap,
        ({ } a, { } b) when a < b && a + (b - a) / 2 is var mid && mid > a && mid < b => mid,
        _ => null,
    };
}
