using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GenNet.Generators;

/// <summary>
/// A source location as plain values. A <see cref="Location"/> holds its syntax tree, which would
/// keep the compilation alive and defeat the pipeline's caching, so diagnostics carry this instead.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());

    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
