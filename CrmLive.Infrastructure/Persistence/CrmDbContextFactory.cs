using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Persistence;

/// <summary>Hands out the configured provider's context as the provider-neutral <see cref="CrmDbContext"/>.</summary>
internal sealed class CrmDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CrmDbContext>
    where TContext : CrmDbContext
{
    public CrmDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<CrmDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
