using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;

namespace IBeam.Dashboard.Components.Controls;

/// <summary>A step of a login as the timeline shows it: when it came after the start, and how long it lasted.</summary>
/// <param name="Offset">Time from the start of the login to this step.</param>
/// <param name="Duration">Time from this step to the next one, or to the end of the login; null for a step still under way.</param>
public sealed record TimelineStep(LoginStep Step, DateTime At, TimeSpan Offset, TimeSpan? Duration, string? Detail)
{
    public static IReadOnlyList<TimelineStep> Of(AttemptView attempt)
    {
        var steps = attempt.Steps;
        return steps.Select((step, i) =>
        {
            DateTime? next = i + 1 < steps.Count ? steps[i + 1].At : attempt.EndedAt;
            return new TimelineStep(step.Step, step.At, step.At - attempt.StartedAt, next - step.At, step.Detail);
        }).ToList();
    }
}
