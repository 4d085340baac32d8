namespace AgiIdent.Sync;

/// <summary>УНФ: contact persons belong to counterparties through a periodic register of links, not by an owner field.</summary>
internal sealed record ContactLinks(string Register, string Customer, string Contact, string Invalid, string Period);
