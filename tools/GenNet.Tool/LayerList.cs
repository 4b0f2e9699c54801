using System.Globalization;

namespace GenNet.Tool;

/// <summary>Reads the <c>--layers</c> option: <c>units:activation</c> pairs separated by commas, e.g. <c>16:relu,3:softmax</c>.</summary>
internal static class LayerList
{
    /// <summary>The layers <paramref name="text"/> lists.</summary>
    /// <exception cref="InputException">An item is not <c>units:activation</c> with a positive count and a known activation.</exception>
    public static LayerSpec[] Parse(string text)
    {
        var layers = new List<LayerSpec>();
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] parts = item.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int units) || units < 1
                || !TryParseActivation(parts[1], out var activation))
                throw new InputException(
                    $"--layers: '{item}' is not units:activation (e.g. 16:relu); units is a positive whole number and the activation one of {string.Join(", ", Enum.GetNames<Activation>())}.");
            layers.Add(new LayerSpec(units, activation));
        }
        return [.. layers];
    }

    /// <summary>An activation by name, in any case (<c>relu</c>, <c>ReLU</c>); names only, not numbers.</summary>
    public static bool TryParseActivation(string name, out Activation activation) =>
        Enum.TryParse(name, ignoreCase: true, out activation) && Enum.IsDefined(activation) && !char.IsAsciiDigit(name[0]) && name[0] != '-';

    /// <summary>The layers written back in <c>--layers</c> form.</summary>
    public static string Format(IEnumerable<LayerSpec> layers) =>
        string.Join(",", layers.Select(l => $"{l.Units}:{l.Activation.ToString().ToLowerInvariant()}"));
}
