using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmLive.Infrastructure.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class VisitorIntroduction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Visitors",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "Visitors",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Email",
                table: "Visitors");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "Visitors");
        }
    }
}
