using CrmLive.Domain.Bot;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Chat;

public static class ChatExtensions
{
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AutoAssignment>();
        builder.Services.AddSingleton<InboxOrigins>();
        builder.Services.AddSingleton<VisitorMessageBatch>();
        builder.Services.AddSingleton(sp => new VisitorMessageWriter(sp.GetRequiredService<VisitorMessageBatch>(),
            sp.GetRequiredService<ILiveEventBus>(), sp.GetRequiredService<CrmLiveMetrics>(),
            sp.GetRequiredService<IOptions<ChatOptions>>(), sp.GetRequiredService<ILogger<VisitorMessageWriter>>()));
        builder.Services.AddSingleton<ConversationService>();
        builder.Services.AddSingleton<InboxQueries>();
        builder.Services.AddSingleton<InboxAdmin>();
        builder.Services.AddSingleton<CannedResponses>();
        builder.Services.AddSingleton<RecordsFromChat>();
        return builder;
    }
}
