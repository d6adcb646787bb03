using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmLive.Infrastructure.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DashboardAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SegmentRevenueHours",
                columns: table => new
                {
                    Hour = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Segment = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Orders = table.Column<int>(type: "integer", nullable: false),
                    Revenue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SegmentRevenueHours", x => new { x.Hour, x.Segment });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Open",
                table: "Conversations",
                columns: new[] { "Status", "AssignedAgentId" },
                filter: "\"Status\" <> 'Resolved'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SegmentRevenueHours");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Open",
                table: "Conversations");
        }
    }
}
