using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IBeam.Migrations.Migrations
{
    /// <summary>
    /// Full-text index of the log (SQLite FTS5), kept by triggers. Besides the message and the
    /// exception it indexes facet tokens, "level{Level}" and "day{Timestamp / TicksPerDay}", so a text
    /// search narrowed by level or by days is answered by intersecting index lists instead of walking
    /// every match (LogQueries builds those terms). Its content is a view of Logs that adds the facets:
    /// the text is stored once, and the index can be rebuilt and checked from it. Plain external
    /// content, no newer FTS5 option, so the SQLite of an older system (Debian's 3.40 sqlite3) can
    /// still read the database and delete from Logs.
    /// The SQL is literal on purpose: a migration must not change when the code does. A later migration
    /// that makes EF rebuild the Logs table (some column changes on SQLite) must recreate the triggers.
    /// </summary>
    public partial class LogSearch : Migration
    {
        private const string Facets = """'level' || "Level" || ' day' || ("Timestamp" / 864000000000)""";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE VIEW "LogsSearchContent" AS
                SELECT "Id", "Message", "Exception", {Facets} AS "Facets" FROM "Logs";
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "LogsSearch" USING fts5(
                    "Message", "Exception", "Facets",
                    content = 'LogsSearchContent', content_rowid = 'Id', tokenize = 'unicode61');
                """);
            migrationBuilder.Sql("""INSERT INTO "LogsSearch" ("LogsSearch") VALUES ('rebuild');""");

            // An external-content index is told the old values to remove: the same expressions as the view's.
            migrationBuilder.Sql($"""
                CREATE TRIGGER "Logs_SearchInsert" AFTER INSERT ON "Logs" BEGIN
                    INSERT INTO "LogsSearch" (rowid, "Message", "Exception", "Facets")
                    VALUES (new."Id", new."Message", new."Exception", {Row("new")});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "Logs_SearchDelete" AFTER DELETE ON "Logs" BEGIN
                    INSERT INTO "LogsSearch" ("LogsSearch", rowid, "Message", "Exception", "Facets")
                    VALUES ('delete', old."Id", old."Message", old."Exception", {Row("old")});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "Logs_SearchUpdate" AFTER UPDATE ON "Logs" BEGIN
                    INSERT INTO "LogsSearch" ("LogsSearch", rowid, "Message", "Exception", "Facets")
                    VALUES ('delete', old."Id", old."Message", old."Exception", {Row("old")});
                    INSERT INTO "LogsSearch" (rowid, "Message", "Exception", "Facets")
                    VALUES (new."Id", new."Message", new."Exception", {Row("new")});
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Logs_SearchUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Logs_SearchDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Logs_SearchInsert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "LogsSearch";""");
            migrationBuilder.Sql("""DROP VIEW IF EXISTS "LogsSearchContent";""");
        }

        /// <summary>The facets of a trigger's old or new row.</summary>
        private static string Row(string row) => $"""'level' || {row}."Level" || ' day' || ({row}."Timestamp" / 864000000000)""";
    }
}
