using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Team;

public static class TeamExtensions
{
    public static IHostApplicationBuilder AddTeam(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TeamOptions>().BindConfiguration(TeamOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IInvitationMailer, InvitationMailer>();
        builder.Services.AddSingleton<TeamService>();
        return builder;
    }
}
