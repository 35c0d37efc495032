using IBeam.Engine.Data.Queries;

namespace IBeam.Engine.Tests.Logging;

/// <summary>What an operator types becomes a full-text query that cannot be anything but a search for those words.</summary>
public sealed class LogSearchTextTests
{
    [Theory]
    [InlineData("gateway", "{Message Exception} : (\"gateway\"*)")]
    [InlineData("  gateway   refused ", "{Message Exception} : (\"gateway\"* AND \"refused\"*)")]
    [InlineData("ok 5", "{Message Exception} : (\"ok\" AND \"5\")")] // too short to stand for longer words
    [InlineData("\"answer from\" tickle", "{Message Exception} : (\"answer from\" AND \"tickle\"*)")]
    [InlineData("NEAR(a b) OR x:y", "{Message Exception} : (\"NEAR(a\"* AND \"b)\" AND \"OR\" AND \"x:y\"*)")]
    [InlineData("say \"hi", "{Message Exception} : (\"say\"* AND \"hi\")")]
    [InlineData("it's", "{Message Exception} : (\"it's\"*)")]
    public void Words_become_quoted_terms_that_must_all_occur(string text, string expected)
    {
        Assert.Equal(expected, LogSearchText.ToMatch(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-> ==")]
    public void Text_without_letters_or_digits_is_not_a_word_search(string? text)
    {
        Assert.Null(LogSearchText.ToMatch(text));
    }

    [Theory]
    [InlineData(" -> ", "%->%")]
    [InlineData("100%_done\\", "%100\\%\\_done\\\\%")]
    [InlineData(" ", null)]
    public void Text_without_words_becomes_a_literal_like_pattern(string text, string? expected)
    {
        Assert.Equal(expected, LogSearchText.ToLike(text));
    }
}
