using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmLive.Infrastructure.Persistence.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "Visitors",
                type: "TEXT",
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
