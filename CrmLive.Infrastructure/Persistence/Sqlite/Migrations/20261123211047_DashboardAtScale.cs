using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmLive.Infrastructure.Persistence.Sqlite.Migrations
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
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Orders = table.Column<int>(type: "INTEGER", nullable: false),
                    Revenue = table.Column<double>(type: "REAL", precision: 18, scale: 2, nullable: false)
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
