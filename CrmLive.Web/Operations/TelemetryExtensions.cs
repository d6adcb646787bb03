using CrmLive.Infrastructure.Operations;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CrmLive.Web.Operations;

/// <summary>Settings of the <c>Telemetry</c> section.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public string ServiceName { get; set; } = "crmlive";

    /// <summary>OTLP collector, e.g. <c>http://otel-collector:4317</c>. Empty: telemetry is collected but not exported.</summary>
    public string? OtlpEndpoint { get; set; }
}

public static class TelemetryExtensions
{
    /// <summary>Traces and metrics for ASP.NET Core, outgoing HTTP, the database drivers, the runtime and the app.</summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSource("Npgsql")
                .AddSource("Microsoft.Data.SqlClient"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(CrmLiveMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql",
                    "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel"));
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(options.OtlpEndpoint));
        return builder;
    }
}
