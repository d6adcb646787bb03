using CrmLive.Infrastructure.Identity;
using Hangfire;

namespace CrmLive.Web.Jobs;

public static class JobsDashboardExtensions
{
    /// <summary>Hangfire's dashboard, for Admins only (the endpoint policy decides, not Hangfire's local-only filter).</summary>
    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [],
                AsyncAuthorization = [],
                DashboardTitle = "CrmLive jobs",
                AppPath = "/",
            },
            // This host's own storage, not the process-wide JobStorage.Current.
            app.ServiceProvider.GetRequiredService<JobStorage>())
            .RequireAuthorization(Policies.Admin);
        return app;
    }
}
