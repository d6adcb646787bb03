namespace CrmLive.Domain.Customers;

/// <summary>
/// A customer record that was merged into another: old links to it lead to the survivor instead of a bare "not
/// found". Holds ids only, so erasing the survivor leaves nothing personal here.
/// </summary>
public sealed class MergeRedirect
{
    private MergeRedirect() { }

    public MergeRedirect(Guid mergedId, Guid survivorId, DateTimeOffset mergedAt)
    {
        MergedId = mergedId;
        SurvivorId = survivorId;
        MergedAt = mergedAt;
    }

    public Guid MergedId { get; private set; }
    public Guid SurvivorId { get; private set; }
    public DateTimeOffset MergedAt { get; private set; }

    /// <summary>The survivor was itself merged later: follow it there, so links never chain.</summary>
    public void PointTo(Guid survivorId) => SurvivorId = survivorId;
}
