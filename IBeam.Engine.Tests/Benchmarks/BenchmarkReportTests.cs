namespace IBeam.Engine.Tests.Benchmarks;

/// <summary>The report writer itself is tested in the default run: a benchmark must not wipe another's figures.</summary>
public sealed class BenchmarkReportTests
{
    private const string Document = "# Benchmarks\n\nintro\n\n<!-- section: login -->\nold login\n<!-- /section -->\n\n<!-- section: logs -->\nlogs\n<!-- /section -->\n";

    [Fact]
    public void A_section_is_replaced_in_place_and_the_others_are_kept() =>
        Assert.Equal(
            "# Benchmarks\n\nintro\n\n<!-- section: login -->\nnew login\n<!-- /section -->\n\n<!-- section: logs -->\nlogs\n<!-- /section -->\n",
            BenchmarkReport.WithSection(Document, "login", "new login\n"));

    [Fact]
    public void A_new_section_is_added_at_the_end() =>
        Assert.Equal(
            Document + "\n<!-- section: history -->\nhistory\n<!-- /section -->\n",
            BenchmarkReport.WithSection(Document, "history", "history"));

    [Fact]
    public void Writing_a_section_twice_changes_nothing_the_second_time()
    {
        var once = BenchmarkReport.WithSection(Document, "history", "history");

        Assert.Equal(once, BenchmarkReport.WithSection(once, "history", "history"));
    }
}
