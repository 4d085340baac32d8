namespace AgiIdent.Numbering;

/// <summary>What a caller number turned out to be.</summary>
public enum CallerNumberKind
{
    /// <summary>A number AgiIdent can look up, in E.164 digits.</summary>
    Usable,

    /// <summary>Withheld, empty, letters, or too short to be a public number.</summary>
    Anonymous,
}
