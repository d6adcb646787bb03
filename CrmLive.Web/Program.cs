using CrmLive.Infrastructure;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddInfrastructure();
builder.AddWeb();

var app = builder.Build();
await app.Services.InitializeDatabaseAsync();
app.UseWeb();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host the app.</summary>
public partial class Program;
