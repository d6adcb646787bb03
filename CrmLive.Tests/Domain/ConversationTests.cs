using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;

namespace CrmLive.Tests.Domain;

public class ConversationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static Conversation NewConversation() => new(Guid.NewGuid(), Guid.NewGuid(), null, Now);

    [Fact]
    public void Append_NumbersMessagesInOrder()
    {
        var c = NewConversation();

        var seqs = Enumerable.Range(0, 3).Select(i => c.Append(MessageSender.Customer, $"m{i}", Now).Seq).ToList();

        Assert.Equal([1L, 2L, 3L], seqs);
        Assert.Equal(3, c.LastSeq);
        Assert.Equal("m2", c.LastMessagePreview);
    }

    [Fact]
    public void Append_BlankOrTooLongText_IsRefused()
    {
        var c = NewConversation();

        Assert.Throws<DomainException>(() => c.Append(MessageSender.Customer, "   ", Now));
        Assert.Throws<DomainException>(() => c.Append(MessageSender.Customer, new string('x', Conversation.MaxTextLength + 1), Now));
        Assert.Equal(0, c.LastSeq);
    }

    [Fact]
    public void HandOff_MovesFromBotToQueue_AndAgentReplyClearsUnread()
    {
        var c = NewConversation();
        c.Append(MessageSender.Customer, "human please", Now);

        c.HandOff("Customer asked for a human", Now);
        c.Append(MessageSender.Customer, "hello?", Now.AddMinutes(1));

        Assert.Equal(ConversationStatus.WaitingForAgent, c.Status);
        Assert.Equal(2, c.UnreadCount);

        c.AssignTo("agent-1");
        c.Append(MessageSender.Agent, "Hi, I'm here", Now.AddMinutes(2));

        Assert.Equal(ConversationStatus.Open, c.Status);
        Assert.Equal(0, c.UnreadCount);
        Assert.Equal(Now.AddMinutes(2), c.FirstAgentReplyAt);
    }

    [Fact]
    public void Resolved_RefusesCustomerMessagesAndAssignment()
    {
        var c = NewConversation();
        c.Resolve(Now);

        Assert.Throws<DomainException>(() => c.Append(MessageSender.Customer, "hi", Now));
        Assert.Throws<DomainException>(() => c.AssignTo("agent-1"));
    }
}
