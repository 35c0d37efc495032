namespace IBeam.Engine.Login;

/// <summary>What the login page shows after a submission, in the order the flow deals with them.</summary>
public enum PageState
{
    None,
    Success,
    Error,
    Promotion,
    Notification,
    DeviceChoice,
    CodeInput,
}
