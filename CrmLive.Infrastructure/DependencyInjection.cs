using CrmLive.Infrastructure.Campaigns;
using CrmLive.Infrastructure.Analytics;
using CrmLive.Infrastructure.Api;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Bot;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Customers.Merge;
using CrmLive.Infrastructure.Dashboards;
using CrmLive.Infrastructure.Deals;
using CrmLive.Infrastructure.Demo;
using CrmLive.Infrastructure.Imports;
using CrmLive.Infrastructure.Jobs;
using CrmLive.Infrastructure.Live;
using CrmLive.Infrastructure.Mail;
using CrmLive.Infrastructure.Offers;
using CrmLive.Infrastructure.Operations;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Redis;
using CrmLive.Infrastructure.Team;
using CrmLive.Infrastructure.Text;
using CrmLive.Infrastructure.Tickets;
using CrmLive.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Everything below the web layer: database, live events, chat, customers, jobs, demo data.</summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<CrmLiveMetrics>();
        builder.Services.AddSingleton<AuditLog>();
        builder.AddPersistence();
        builder.AddLiveEvents();
        builder.AddRedis();
        builder.AddChat();
        builder.AddBot();
        builder.AddJobs();
        builder.AddAnalytics();
        builder.AddCustomers();
        builder.AddMergeAndGdpr();
        builder.AddTickets();
        builder.AddDeals();
        builder.AddImports();
        builder.AddWebhooks();
        builder.AddApiKeys();
        builder.AddMail();
        builder.AddTeam();
        builder.AddOffers();
        builder.AddCampaigns();

        builder.Services.AddSingleton<DashboardQueries>();
        builder.Services.AddSingleton<TeamPerformance>();
        builder.Services.AddSingleton<SegmentRevenue>();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddTransient<DemoCompanySeeder>();
        return builder;
    }
}
