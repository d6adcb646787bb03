namespace CrmLive.Web.Widget;

public static class WidgetEndpoints
{
    public static IEndpointRouteBuilder MapWidgetAssets(this IEndpointRouteBuilder app) => app;
}
