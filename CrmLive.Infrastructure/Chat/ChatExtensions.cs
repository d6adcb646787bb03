using CrmLive.Domain.Bot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Chat;

public static class ChatExtensions
{
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section);
        builder.Services.AddSingleton(RuleBot.Default);
        builder.Services.AddSingleton<AutoAssignment>();
        builder.Services.AddSingleton<InboxOrigins>();
        builder.Services.AddSingleton<ConversationService>();
        builder.Services.AddSingleton<InboxQueries>();
        builder.Services.AddSingleton<CannedResponses>();
        builder.Services.AddSingleton<RecordsFromChat>();
        return builder;
    }
}
