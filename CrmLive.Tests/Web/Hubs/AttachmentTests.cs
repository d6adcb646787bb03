using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Chat;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>Files in chats: sniffed, limited, stored with their message, served only by the link in it.</summary>
[Trait("Database", "Any")]
public class AttachmentTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>, IAsyncLifetime
{
    // The smallest valid PNG: a 1×1 transparent pixel.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private readonly List<HubConnection> _connections = [];

    private async Task<(HubConnection Widget, WidgetStart Session, ConcurrentQueue<WidgetMessage> Received)> StartAsync()
    {
        var widget = app.CreateWidgetConnection();
        var received = new ConcurrentQueue<WidgetMessage>();
        widget.On<WidgetMessage>("MessageReceived", m => received.Enqueue(m));
        await widget.StartAsync();
        _connections.Add(widget);
        return (widget, await widget.InvokeAsync<WidgetStart>("Start", "demo", null, null), received);
    }

    private async Task<HttpResponseMessage> UploadAsync(string? token, string fileName, byte[] bytes,
        string claimedType = "image/png", string? clientId = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(claimedType);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(clientId ?? Guid.NewGuid().ToString()), "clientMessageId");
        using var request = new HttpRequestMessage(HttpMethod.Post, AttachmentEndpoints.UploadRoute) { Content = form };
        if (token is not null) request.Headers.Add(AttachmentEndpoints.VisitorTokenHeader, token);
        return await app.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task AnImage_IsStoredOnce_ShownLive_AndServedInlineWithSafeHeaders()
    {
        var (_, session, received) = await StartAsync();
        var clientId = Guid.NewGuid().ToString();

        var first = await UploadAsync(session.VisitorToken, "screen shot.png", Png, clientId: clientId);
        var retry = await UploadAsync(session.VisitorToken, "screen shot.png", Png, clientId: clientId);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var result = await first.Content.ReadFromJsonAsync<SendResult>();
        Assert.True((await retry.Content.ReadFromJsonAsync<SendResult>())!.Duplicate);
        await Eventually.TrueAsync(() => Task.FromResult(received.Any(m => m.Attachment is not null)), "the file message");
        var shown = received.Single(m => m.Attachment is not null);
        Assert.Equal(result!.Seq, shown.Seq);
        Assert.True(shown.Attachment!.IsImage);
        Assert.Equal("screen shot.png", shown.Attachment.FileName);

        var served = await app.CreateClient().GetAsync(shown.Attachment.Path);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", served.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());

        // The agent's view of the thread carries the same file.
        var thread = await app.Service<ConversationService>().GetMessagesAsync(result.ConversationId);
        Assert.Equal(shown.Attachment.Path, thread.Single(m => m.Seq == result.Seq).Attachment!.Path);
    }

    [Fact]
    public async Task AFileIsServedOnlyWithTheKeyFromItsMessage()
    {
        var (_, session, received) = await StartAsync();
        await UploadAsync(session.VisitorToken, "pixel.png", Png);
        await Eventually.TrueAsync(() => Task.FromResult(received.Any(m => m.Attachment is not null)), "the file message");
        var path = received.Single(m => m.Attachment is not null).Attachment!.Path;
        var parts = path.Split('/');
        parts[3] = new string('0', parts[3].Length);

        var guessed = await app.CreateClient().GetAsync(string.Join('/', parts));

        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }

    [Theory]
    [InlineData("drawing.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "image/svg+xml")]
    [InlineData("cat.png", "<html><script>alert(1)</script></html>", "image/png")]
    [InlineData("tool.exe", "MZ\u0090\0\u0003\0\0\0", "application/octet-stream")]
    public async Task WhatTheBytesAreDecides_NotTheNameOrClaimedType(string fileName, string content, string claimedType)
    {
        var (_, session, _) = await StartAsync();

        var response = await UploadAsync(session.VisitorToken, fileName, Encoding.UTF8.GetBytes(content), claimedType);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("can't be sent here", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TooLargeOrAnonymous_IsRefusedWithAClearMessage()
    {
        var (_, session, _) = await StartAsync();
        var big = new byte[AttachmentRules.DefaultMaxBytes + 1];
        Png.CopyTo(big, 0);

        var tooBig = await UploadAsync(session.VisitorToken, "huge.png", big);
        var anonymous = await UploadAsync(null, "pixel.png", Png);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("at most 10 MB", await tooBig.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task ATooLargeUploadWithoutALength_IsRefusedToo()
    {
        var (_, session, _) = await StartAsync();
        var big = new byte[AttachmentRules.DefaultMaxBytes * 3];
        Png.CopyTo(big, 0);
        using var form = new MultipartFormDataContent();
        form.Add(new StreamContent(new MemoryStream(big)), "file", "chunked.png");
        form.Add(new StringContent(Guid.NewGuid().ToString()), "clientMessageId");
        // Streamed with no Content-Length header: the early length check cannot see the size.
        using var body = new StreamContent(await form.ReadAsStreamAsync());
        body.Headers.ContentType = form.Headers.ContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, AttachmentEndpoints.UploadRoute) { Content = body };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add(AttachmentEndpoints.VisitorTokenHeader, session.VisitorToken);

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 10 MB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnAgentsFileInAPrivateNote_NeverReachesTheCustomer()
    {
        var (widget, _, received) = await StartAsync();
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "talk to a human");
        var chat = app.Service<ConversationService>();

        var note = await chat.AttachAsAgentAsync(sent.ConversationId, "agent-x", "Sofia", new AttachmentUpload("notes.txt",
            Encoding.UTF8.GetBytes("internal: refund approved")), isPrivate: true);
        var reply = await chat.AttachAsAgentAsync(sent.ConversationId, "agent-x", "Sofia", new AttachmentUpload("label.pdf",
            Encoding.ASCII.GetBytes("%PDF-1.4 return label")), isPrivate: false);

        await Eventually.TrueAsync(() => Task.FromResult(received.Any(m => m.Seq == reply.Seq)), "the agent's file");
        Assert.DoesNotContain(received, m => m.Seq == note.Seq);
        var replyFile = received.Single(m => m.Seq == reply.Seq).Attachment!;
        Assert.False(replyFile.IsImage);
        var served = await app.CreateClient().GetAsync(replyFile.Path);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("application/pdf", served.Content.Headers.ContentType!.MediaType);
        var history = await widget.InvokeAsync<IReadOnlyList<WidgetMessage>>("History", 0L);
        Assert.DoesNotContain(history, m => m.Seq == note.Seq);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
    }
}
