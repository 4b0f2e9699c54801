using Microsoft.CodeAnalysis;

namespace GenNet.Generators;

/// <summary>A diagnostic as plain values, to be reported after the cached pipeline steps.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArguments) =>
        new(descriptor, location, new EquatableArray<string>(messageArguments));

    /// <summary>The message as the user reads it, with the id: what a fallback member's exception quotes.</summary>
    public string Message =>
        Descriptor.Id + ": " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), MessageArguments.ToArray<object>());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArguments.ToArray<object>());
}
