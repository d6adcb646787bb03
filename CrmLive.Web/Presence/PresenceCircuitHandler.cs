using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using System.Security.Claims;

namespace CrmLive.Web.Presence;

/// <summary>A staff member is online while one of their Blazor circuits is connected.</summary>
internal sealed class PresenceCircuitHandler(AuthenticationStateProvider auth, IPresenceTracker presence)
    : CircuitHandler
{
    private string? _userId;
    private bool _isAgent;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        _userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (_userId is null) return;
        _isAgent = user.IsInRole(Roles.Agent);
        await presence.ConnectedAsync(_userId, _isAgent);
    }

    public override async Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_userId is not null) await presence.DisconnectedAsync(_userId, _isAgent);
    }
}

public static class PresenceExtensions
{
    public static IHostApplicationBuilder AddPresence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CircuitHandler, PresenceCircuitHandler>();
        return builder;
    }
}
