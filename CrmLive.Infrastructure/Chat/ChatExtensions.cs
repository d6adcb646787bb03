using CrmLive.Domain.Bot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Chat;

public static class ChatExtensions
{
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(RuleBot.Default);
        builder.Services.AddSingleton<ConversationService>();
        builder.Services.AddSingleton<InboxQueries>();
        return builder;
    }
}
