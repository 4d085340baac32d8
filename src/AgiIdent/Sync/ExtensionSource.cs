namespace AgiIdent.Sync;

/// <summary>How a manager's internal extension is found.</summary>
internal enum ExtensionSource
{
    /// <summary>A phone row of the manager's own <c>…_КонтактнаяИнформация</c>.</summary>
    ContactInformation,

    /// <summary>УНФ: <c>InformationRegister_НастройкиПользователейТелефонии</c> of the user who is the same person.</summary>
    TelephonyRegister,
}
