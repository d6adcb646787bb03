namespace CrmLive.Tests.Support;

/// <summary>Waits for a condition, never for a fixed time; the limit only stops a test that would hang.</summary>
public static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static async Task<T> WithinAsync<T>(this Task<T> task, string what)
    {
        var finished = await Task.WhenAny(task, Task.Delay(Limit));
        if (finished != task) throw new TimeoutException($"Gave up waiting for {what} after {Limit.TotalSeconds} s.");
        return await task;
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Gave up waiting for {what} after {Limit.TotalSeconds} s.");
            await Task.Delay(25);
        }
    }
}
