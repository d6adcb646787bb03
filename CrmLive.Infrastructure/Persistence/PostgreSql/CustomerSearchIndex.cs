using Microsoft.EntityFrameworkCore.Migrations;

namespace CrmLive.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// Indexes behind customer search on PostgreSQL: pg_trgm GIN for substrings of <c>SearchText</c>, and
/// text_pattern_ops for the one- and two-letter name prefixes (LIKE 'jo%' under any collation).
/// </summary>
internal static class CustomerSearchIndex
{
    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            UPDATE "Customers" c SET "CompanyName" = co."Name" FROM "Companies" co WHERE co."Id" = c."CompanyId";
            """);
        migrationBuilder.Sql("""
            UPDATE "Customers" SET "SearchText" = lower("Name" || coalesce(' | ' || "Email", '')
                || coalesce(' | ' || regexp_replace("Phone", '[^0-9]', '', 'g'), '') || coalesce(' | ' || "CompanyName", ''))
            WHERE "SearchText" = '';
            """);
        migrationBuilder.Sql("""CREATE EXTENSION IF NOT EXISTS pg_trgm;""");
        migrationBuilder.Sql("""
            CREATE INDEX "IX_Customers_SearchText_Trgm" ON "Customers" USING gin ("SearchText" gin_trgm_ops);
            """);
        migrationBuilder.Sql("""
            CREATE INDEX "IX_Customers_SearchText_Prefix" ON "Customers" ("SearchText" text_pattern_ops);
            """);
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Customers_SearchText_Trgm";""");
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Customers_SearchText_Prefix";""");
    }
}
