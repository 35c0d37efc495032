using Bunit;
using IBeam.Dashboard.Components.Controls;
using IBeam.Engine.Tests.Shared;

namespace IBeam.Engine.Tests.Dashboard.Controls;

public sealed class StatusFlagTests : DashboardTestContext
{
    [Theory]
    [InlineData(true, "mud-chip-color-success", "authenticated")]
    [InlineData(false, "mud-chip-color-default", "authenticated")]
    public void A_flag_that_should_be_on_is_green_only_when_on(bool on, string colour, string text)
    {
        var chip = Render<StatusFlag>(p => p.Add(f => f.Label, "authenticated").Add(f => f.On, on)).Find("[data-flag=authenticated]");

        Assert.Contains(colour, chip.ClassName);
        Assert.Equal(text, chip.TextContent.Trim());
    }

    [Theory]
    [InlineData(false, "mud-chip-color-success", "not competing")]
    [InlineData(true, "mud-chip-color-error", "competing")]
    public void A_flag_that_should_be_off_says_so_in_green_and_turns_red_when_on(bool on, string colour, string text)
    {
        var chip = Render<StatusFlag>(p => p.Add(f => f.Label, "competing").Add(f => f.OffLabel, "not competing").Add(f => f.Bad, true).Add(f => f.On, on))
            .Find("[data-flag=competing]");

        Assert.Contains(colour, chip.ClassName);
        Assert.Equal(text, chip.TextContent.Trim());
        Assert.Equal(on ? "true" : "false", chip.GetAttribute("data-on"));
    }
}
