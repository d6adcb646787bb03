using Microsoft.EntityFrameworkCore.Migrations;

namespace CrmLive.Infrastructure.Persistence.Sqlite;

/// <summary>
/// The FTS5 trigram index behind customer search on SQLite: an external-content table over
/// <c>Customers.SearchText</c> (keyed by the table's rowid), kept in step by triggers, so any substring of three or
/// more characters is an index lookup. If it ever drifts (e.g. after a VACUUM renumbered rowids),
/// <c>INSERT INTO CustomerSearch(CustomerSearch) VALUES('rebuild')</c> rebuilds it.
/// </summary>
internal static class CustomerSearchIndex
{
    public static void Create(MigrationBuilder migrationBuilder)
    {
        // Rows written before SearchText existed: approximate the domain's form (name | e-mail | company).
        migrationBuilder.Sql("""
            UPDATE "Customers" SET "CompanyName" = (SELECT "Name" FROM "Companies" WHERE "Companies"."Id" = "Customers"."CompanyId")
            WHERE "CompanyId" IS NOT NULL;
            """);
        migrationBuilder.Sql("""
            UPDATE "Customers" SET "SearchText" = lower("Name" || coalesce(' | ' || "Email", '')
                || coalesce(' | ' || replace(replace(replace(replace(replace("Phone", ' ', ''), '+', ''), '-', ''), '(', ''), ')', ''), '')
                || coalesce(' | ' || "CompanyName", ''))
            WHERE "SearchText" = '';
            """);
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE "CustomerSearch" USING fts5("SearchText", content='Customers', content_rowid='rowid', tokenize='trigram');
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "Customers_Search_Insert" AFTER INSERT ON "Customers" BEGIN
                INSERT INTO "CustomerSearch"(rowid, "SearchText") VALUES (new.rowid, new."SearchText");
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "Customers_Search_Delete" AFTER DELETE ON "Customers" BEGIN
                INSERT INTO "CustomerSearch"("CustomerSearch", rowid, "SearchText") VALUES ('delete', old.rowid, old."SearchText");
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "Customers_Search_Update" AFTER UPDATE OF "SearchText" ON "Customers" BEGIN
                INSERT INTO "CustomerSearch"("CustomerSearch", rowid, "SearchText") VALUES ('delete', old.rowid, old."SearchText");
                INSERT INTO "CustomerSearch"(rowid, "SearchText") VALUES (new.rowid, new."SearchText");
            END;
            """);
        migrationBuilder.Sql("""INSERT INTO "CustomerSearch"("CustomerSearch") VALUES ('rebuild');""");
        // One- and two-letter searches are name prefixes: a range on SearchText, which starts with the name.
        migrationBuilder.Sql("""CREATE INDEX "IX_Customers_SearchText" ON "Customers" ("SearchText");""");
    }

    /// <summary>
    /// FTS5 flushes its pending terms at every statement inside a transaction, so a bulk load through the per-row
    /// insert trigger writes one tiny segment per row and merges them over and over (a 100,000-row import spent
    /// minutes there). While a transaction holds a row in <c>CustomerSearchDeferred</c> the trigger stands aside and
    /// the loader indexes the batch's new rows in one statement (<see cref="SqliteProviderSql.BeginCustomerBulkInsertAsync"/>).
    /// The row is inserted and deleted inside the loader's transaction, so no other connection ever sees it.
    /// </summary>
    public static void AllowDeferredInserts(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""CREATE TABLE "CustomerSearchDeferred" ("Flag" INTEGER NOT NULL PRIMARY KEY);""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Customers_Search_Insert";""");
        migrationBuilder.Sql("""
            CREATE TRIGGER "Customers_Search_Insert" AFTER INSERT ON "Customers"
            WHEN NOT EXISTS (SELECT 1 FROM "CustomerSearchDeferred") BEGIN
                INSERT INTO "CustomerSearch"(rowid, "SearchText") VALUES (new.rowid, new."SearchText");
            END;
            """);
    }

    public static void DisallowDeferredInserts(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Customers_Search_Insert";""");
        migrationBuilder.Sql("""
            CREATE TRIGGER "Customers_Search_Insert" AFTER INSERT ON "Customers" BEGIN
                INSERT INTO "CustomerSearch"(rowid, "SearchText") VALUES (new.rowid, new."SearchText");
            END;
            """);
        migrationBuilder.Sql("""DROP TABLE IF EXISTS "CustomerSearchDeferred";""");
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Customers_Search_Insert";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Customers_Search_Delete";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Customers_Search_Update";""");
        migrationBuilder.Sql("""DROP TABLE IF EXISTS "CustomerSearch";""");
        migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Customers_SearchText";""");
    }
}
