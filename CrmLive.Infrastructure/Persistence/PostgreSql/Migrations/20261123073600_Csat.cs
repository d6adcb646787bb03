using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmLive.Infrastructure.Persistence.PostgreSql.Migrations
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
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CsatScore",
                table: "Conversations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RatedAt",
                table: "Conversations",
                type: "timestamp with time zone",
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
