namespace CrmLive.Infrastructure.Text;

/// <summary>
/// Lets a synchronous writer (CsvHelper's) feed an HTTP response, where synchronous I/O is not allowed: writes are
/// kept in memory and <see cref="DrainAsync"/> moves them on asynchronously. Drained every few hundred rows, it
/// holds a buffer's worth at most.
/// </summary>
public sealed class DrainingStream(Stream output) : Stream
{
    private readonly MemoryStream _pending = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct)
    {
        _pending.Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        _pending.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public async Task DrainAsync(CancellationToken ct)
    {
        if (_pending.Length == 0) return;
        await output.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
        await output.FlushAsync(ct);
        _pending.SetLength(0);
    }

    public override void Flush() { }
    public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
