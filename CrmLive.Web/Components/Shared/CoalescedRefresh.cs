namespace CrmLive.Web.Components.Shared;

/// <summary>
/// A screen's reload on live events: a burst of events costs one or two runs, never one each. A request that arrives
/// while a run is finishing is not lost: the flag is checked again after the gate is released.
/// </summary>
public sealed class CoalescedRefresh(Func<Task> refresh) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _dirty;

    public async Task RequestAsync()
    {
        Volatile.Write(ref _dirty, true);
        while (Volatile.Read(ref _dirty))
        {
            if (!await _gate.WaitAsync(0)) return; // the running refresh will see the flag
            try
            {
                while (Volatile.Read(ref _dirty))
                {
                    Volatile.Write(ref _dirty, false);
                    await refresh();
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public void Dispose() => _gate.Dispose();
}
