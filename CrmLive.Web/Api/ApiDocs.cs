using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CrmLive.Web.Api;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and a browsable reference (Scalar) at <c>/api/docs</c>.</summary>
public static class ApiDocs
{
    public const string DocumentRoute = "/openapi/{documentName}.json";
    public const string ReferenceRoute = "/api/docs";
    private const string SecurityScheme = "ApiKey";

    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CrmLive API",
                    Version = "v1",
                    Description = "Customers, companies, orders, conversations and messages. Authenticate with an API key "
                        + "(Settings → API keys) as `Authorization: Bearer <key>` or `X-Api-Key: <key>`. Lists answer "
                        + "`{ items, page }`; errors are RFC 7807 problem details; POSTs accept an `Idempotency-Key` header.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "crm_<prefix>_<secret>",
                    Description = "An API key created by an Admin. Read keys may call GET endpoints; read-and-write keys "
                        + "all of them. The key may also be sent as the X-Api-Key header.",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [],
                });
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.HttpMethod == HttpMethods.Post)
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = IdempotencyFilter.HeaderName,
                        In = ParameterLocation.Header,
                        Required = false,
                        Description = "Up to 100 characters. A retry with the same key gets the first answer (24 h); the "
                            + "same key with a different request is refused with 422.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                }
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentRoute).AllowAnonymous();
        app.MapScalarApiReference(ReferenceRoute, o => o
                .WithTitle("CrmLive API")
                .DisableDefaultFonts() // they come from Scalar's CDN; the system fonts do
                // Nothing that calls out to Scalar's services (AI agent, MCP, telemetry, deploy toolbar).
                .DisableAgent()
                .DisableMcp()
                .DisableTelemetry()
                .HideDeveloperTools()
                .WithOpenApiRoutePattern(DocumentRoute))
            .AllowAnonymous();
        return app;
    }
}
