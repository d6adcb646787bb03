using CrmLive.Infrastructure.Campaigns;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CrmLive.Web.Campaigns;

/// <summary>Links in campaign e-mail: on <c>Campaigns:PublicUrl</c>, or the address the app listens on.</summary>
internal sealed class CampaignLinks(IOptions<CampaignsOptions> options, IServer server) : ICampaignLinks
{
    public string Unsubscribe(Guid recipientId, string key) => $"{Base()}/c/u/{recipientId:N}/{key}";

    public string OpenPixel(Guid recipientId, string key) => $"{Base()}/c/o/{recipientId:N}/{key}.gif";

    private string Base()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl)) return options.Value.PublicUrl.TrimEnd('/');
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        return listening.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost")
            .Replace("://[::]", "://localhost").TrimEnd('/');
    }
}
