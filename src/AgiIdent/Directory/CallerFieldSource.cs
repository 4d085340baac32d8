namespace AgiIdent.Directory;

/// <summary>What a <see cref="CallerField"/> is read from.</summary>
public enum CallerFieldSource
{
    /// <summary>The party found for the number and the phone of it that matched (<see cref="CallerField.Read"/>).</summary>
    Party,

    /// <summary>The caller's number as it was read: its digits, type and region.</summary>
    Number,

    /// <summary>The call: what Asterisk sent, the AGI URL's options and the identification's outcome (rules only).</summary>
    Call,

    /// <summary>Worked out by the screen from its profile (flag marks) and the parties sharing the number.</summary>
    Screen,
}
