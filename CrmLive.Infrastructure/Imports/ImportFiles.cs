using System.Text;
using CrmLive.Domain.Imports;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Imports;

/// <summary>
/// Uploaded files, kept in the database in 1 MiB chunks: whichever instance runs the import job can read them, and
/// neither writing nor reading ever holds more than a chunk in memory.
/// </summary>
public sealed class ImportFiles(IDbContextFactory<CrmDbContext> dbFactory)
{
    public async Task<long> SaveAsync(Guid runId, Stream content, long maxBytes, CancellationToken ct = default)
    {
        long total = 0;
        var index = 0;
        var buffer = new byte[ImportFileChunk.Size];
        Decoder? utf8 = null;
        var chars = new char[buffer.Length + 4];
        while (true)
        {
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(filled), ct)) > 0) filled += read;
            if (filled == 0) break;
            total += filled;
            if (total > maxBytes) throw new ImportFileTooLargeException(maxBytes);
            // UTF-16 announces itself with a byte order mark; anything else must be valid UTF-8, checked across chunk edges.
            if (index == 0 && !(filled >= 2 && (buffer[0], buffer[1]) is (0xFF, 0xFE) or (0xFE, 0xFF)))
                utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
            try { utf8?.GetChars(buffer, 0, filled, chars, 0, flush: filled < buffer.Length); }
            catch (DecoderFallbackException) { throw new CsvFileException(CsvFile.NotUtf8); }
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.ImportFileChunks.Add(new ImportFileChunk(runId, index++, buffer[..filled]));
            await db.SaveChangesAsync(ct);
            if (filled < buffer.Length) break;
        }
        return total;
    }

    public Stream OpenRead(Guid runId) => new ChunkStream(dbFactory, runId);

    public async Task DeleteAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ImportFileChunks.Where(c => c.RunId == runId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Reads the chunks in order, one query each, as a forward-only stream.</summary>
    private sealed class ChunkStream(IDbContextFactory<CrmDbContext> dbFactory, Guid runId) : Stream
    {
        private byte[] _current = [];
        private int _offset;
        private int _next;
        private bool _ended;
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_offset >= _current.Length)
            {
                if (_ended) return 0;
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var chunk = await db.ImportFileChunks.AsNoTracking().Where(c => c.RunId == runId && c.Index == _next)
                    .Select(c => c.Data).SingleOrDefaultAsync(ct);
                if (chunk is null) { _ended = true; return 0; }
                _current = chunk;
                _offset = 0;
                _next++;
            }
            var n = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsMemory(_offset, n).CopyTo(buffer);
            _offset += n;
            _position += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class ImportFileTooLargeException(long maxBytes)
    : Exception($"The file is larger than {maxBytes / (1024 * 1024)} MB; split it into smaller files.");
