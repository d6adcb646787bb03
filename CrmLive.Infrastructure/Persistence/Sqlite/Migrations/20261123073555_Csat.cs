using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmLive.Infrastructure.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Csat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CsatComment",
                table: "Conversations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CsatScore",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RatedAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CsatComment",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "CsatScore",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "RatedAt",
                table: "Conversations");
        }
    }
}
