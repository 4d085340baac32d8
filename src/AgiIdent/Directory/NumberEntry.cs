namespace AgiIdent.Directory;

/// <summary>One match of a number: its party, the contact's text offset (-1: none), the kind's index in the kinds table.</summary>
internal readonly record struct NumberEntry(int Party, int Contact, int Kind);
