using LibNumber = PhoneNumbers.PhoneNumber;

namespace AgiIdent.Numbering;

/// <summary>A caller number that is a valid number: its E.164 digits, type (<c>mobile</c>, <c>fixed</c>, ...) and ISO region.</summary>
public sealed record CallerNumber(string E164, string Type, string Region)
{
    /// <summary>The caller as libphonenumber read it, whose digits, type and region these are.</summary>
    internal CallerNumber(LibNumber parsed)
        : this(PhoneMetadata.E164(parsed), PhoneMetadata.Type(parsed), PhoneMetadata.Region(parsed)) =>
        Parsed = parsed;

    /// <summary>The E.164 digits; read-only, so that <see cref="Parsed"/> always belongs to them.</summary>
    public string E164 { get; } = E164;

    /// <summary>
    /// libphonenumber's reading of the caller, kept so that <c>{place}</c> asks the geocoder without parsing the digits
    /// again (one caller parse per call); null for a number made from its digits alone, which is then parsed on use.
    /// </summary>
    internal LibNumber? Parsed { get; }

    /// <summary>Equal when the digits, type and region are: <see cref="Parsed"/> follows from the digits.</summary>
    public bool Equals(CallerNumber? other) =>
        other is not null && E164 == other.E164 && Type == other.Type && Region == other.Region;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(E164, Type, Region);
}
