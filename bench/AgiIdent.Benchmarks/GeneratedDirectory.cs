using AgiIdent.Directory;
using AgiIdent.Numbering;

namespace AgiIdent.Benchmarks;

/// <summary>A generated directory, and what the benchmark needs to know about its numbers.</summary>
/// <param name="Content">The parties, as an import reads them from a file.</param>
/// <param name="Known">Every distinct number of the directory as E.164 digits, as a caller presents it.</param>
/// <param name="Unknown">Numbers in no party.</param>
/// <param name="Probes">Per party, by position: a number no other party has (E.164 digits), or 0.</param>
/// <param name="Numbers">Numbers in all phone fields: the rows of <c>agiident.phone</c>.</param>
/// <param name="Fields">Phone fields.</param>
/// <param name="Shared">Numbers given to more than one party.</param>
/// <param name="Mismatches">Fields that <see cref="NumberParser.ParseStored"/> read differently from what was generated.</param>
internal sealed record GeneratedDirectory(DirectoryFileContent Content, long[] Known, long[] Unknown, long[] Probes, int Numbers, int Fields, int Shared, int Mismatches);
