using CrmLive.Domain.Bot;
using System.Threading.Channels;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Chat;

/// <summary>What storing one customer message led to.</summary>
/// <param name="Action">What the bot promised to do after answering (look up the last order, open a ticket).</param>
internal sealed record VisitorAppend(SendResult Result, bool HandedOff, IntentAction Action = IntentAction.None);

/// <summary>
/// The single writer of customer messages (group commit). Messages from many conversations are stored together in
/// one transaction instead of one transaction each: a database with one writer (SQLite) no longer has many
/// connections queuing for its lock, and every database saves round trips. A second loop publishes the stored
/// messages in the order they were stored, so each conversation's events keep their sequence order.
/// </summary>
public sealed class VisitorMessageWriter : IAsyncDisposable
{
    private const int MaxBatchAttempts = 3;
    private const int MaxSingleAttempts = 12;

    private readonly Channel<PendingVisitorMessage> _incoming =
        Channel.CreateUnbounded<PendingVisitorMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<IReadOnlyList<AppendOutcome>> _stored =
        Channel.CreateUnbounded<IReadOnlyList<AppendOutcome>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly VisitorMessageBatch _batch;
    private readonly ILiveEventBus _bus;
    private readonly CrmLiveMetrics _metrics;
    private readonly ILogger<VisitorMessageWriter> _logger;
    private readonly int _maxBatch;
    private readonly Task _writing;
    private readonly Task _publishing;

    internal VisitorMessageWriter(VisitorMessageBatch batch, ILiveEventBus bus, CrmLiveMetrics metrics,
        IOptions<ChatOptions> options, ILogger<VisitorMessageWriter> logger)
    {
        _batch = batch;
        _bus = bus;
        _metrics = metrics;
        _logger = logger;
        _maxBatch = Math.Max(1, options.Value.MessageBatchSize);
        _writing = Task.Run(WriteLoopAsync);
        _publishing = Task.Run(PublishLoopAsync);
    }

    internal async Task<VisitorAppend> AppendAsync(Guid visitorId, string clientMessageId, string text,
        CancellationToken ct)
    {
        var pending = new PendingVisitorMessage(visitorId, clientMessageId, text, ct);
        if (!_incoming.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(VisitorMessageWriter));
        return await pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _incoming.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<PendingVisitorMessage>();
            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
            {
                if (pending.Cancellation.IsCancellationRequested) pending.Done.TrySetCanceled(pending.Cancellation);
                else batch.Add(pending);
            }
            if (batch.Count == 0) continue;
            try
            {
                await _stored.Writer.WriteAsync(await WriteAsync(batch));
            }
            catch (Exception ex)
            {
                // The database is gone or broken: these senders hear about it, the next ones try again.
                _logger.LogError(ex, "Storing {Count} customer messages failed", batch.Count);
                foreach (var pending in batch) pending.Done.TrySetException(ex);
            }
        }
        _stored.Writer.TryComplete();
    }

    /// <summary>
    /// One transaction for the batch. A conflict (an agent replied or another instance appended meanwhile) means
    /// re-reading and trying again; when it keeps conflicting, each message goes alone, as it did before batching.
    /// </summary>
    private async Task<IReadOnlyList<AppendOutcome>> WriteAsync(List<PendingVisitorMessage> batch)
    {
        var attempts = batch.Count == 1 ? MaxSingleAttempts : MaxBatchAttempts;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _batch.StoreAsync(batch);
            }
            catch (DbUpdateException ex) when (attempt < attempts)
            {
                _logger.LogDebug(ex, "Append conflict in a batch of {Count}, attempt {Attempt}", batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10) * Math.Min(attempt, 5)));
            }
            catch (DbUpdateException) when (batch.Count > 1)
            {
                var outcomes = new List<AppendOutcome>(batch.Count);
                foreach (var pending in batch)
                {
                    try
                    {
                        outcomes.AddRange(await WriteAsync([pending]));
                    }
                    catch (DbUpdateException ex)
                    {
                        outcomes.Add(AppendOutcome.Failed(pending, ex));
                    }
                }
                return outcomes;
            }
        }
    }

    private async Task PublishLoopAsync()
    {
        await foreach (var outcomes in _stored.Reader.ReadAllAsync())
        {
            foreach (var outcome in outcomes)
            {
                if (outcome.Error is not null)
                {
                    outcome.Pending.Done.TrySetException(outcome.Error);
                    continue;
                }
                try
                {
                    foreach (var e in outcome.Events)
                    {
                        if (e is MessageAdded added) _metrics.MessageStored(added.Sender.ToString());
                        await _bus.PublishAsync(e);
                    }
                    outcome.Pending.Done.TrySetResult(outcome.Append!);
                }
                catch (Exception ex)
                {
                    outcome.Pending.Done.TrySetException(ex);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _incoming.Writer.TryComplete();
        await Task.WhenAll(_writing, _publishing);
    }
}

/// <summary>A customer message waiting for the writer; <see cref="Done"/> completes once it is stored and published.</summary>
internal sealed record PendingVisitorMessage(Guid VisitorId, string ClientMessageId, string Text,
    CancellationToken Cancellation)
{
    public TaskCompletionSource<VisitorAppend> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The result for one message of a batch and the live events to publish for it, in order.</summary>
internal sealed record AppendOutcome(PendingVisitorMessage Pending, VisitorAppend? Append,
    IReadOnlyList<LiveEvent> Events, Exception? Error)
{
    public static AppendOutcome Failed(PendingVisitorMessage pending, Exception error) => new(pending, null, [], error);
}
