namespace AgiIdent.Fake1C;

/// <summary>An authenticated request as the fault hook sees it, before it is served.</summary>
/// <param name="Number">The request's place among all requests the server received, from 1.</param>
/// <param name="EntitySet">The decoded set name, without a parenthesised part (<c>AccountingRegister_Хозрасчетный/Balance</c>).</param>
/// <param name="Resource">The whole decoded resource path, parameters included.</param>
/// <param name="Query">The decoded query options (<c>$select</c>, <c>$filter</c>, …).</param>
public sealed record Fake1CRequest(long Number, string EntitySet, string Resource, IReadOnlyDictionary<string, string> Query);
