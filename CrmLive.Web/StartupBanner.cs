using CrmLive.Infrastructure.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CrmLive.Web;

/// <summary>In Development, tells whoever ran <c>dotnet run</c> where to sign in and with which demo account.</summary>
internal sealed class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    IHostEnvironment environment,
    IOptions<DemoOptions> demo) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() || !demo.Value.Seed) return Task.CompletedTask;
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var baseUrl = (addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? addresses.FirstOrDefault() ?? "http://localhost:5080").Replace("[::]", "localhost").Replace("0.0.0.0", "localhost").TrimEnd('/');
        var lines = new List<string>
        {
            "",
            "  CrmLive is running (embedded SQLite, in-memory jobs, demo company seeded)",
            $"  Sign in:          {baseUrl}/account/login",
            $"  Widget demo page: {baseUrl}/demo",
            $"  Jobs (Admin):     {baseUrl}/hangfire",
            "",
            $"  Demo accounts (password for all: {demo.Value.Password})",
        };
        lines.AddRange(DemoAccounts.All.Select(a => $"    {a.Role,-8} {a.Email,-24} {a.Name}"));
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
