namespace GenNet.Generators.Emit;

/// <summary>
/// Up to four consecutive units of an unrolled layer, held in the lanes of one
/// <c>Vector128&lt;float&gt;</c>: units <see cref="First"/> to <see cref="Last"/> in lanes 0 to
/// <see cref="Count"/> - 1. Lanes past <see cref="Count"/> carry padding that no real unit ever reads.
/// </summary>
internal readonly record struct LaneGroup(int First, int Count)
{
    /// <summary>The lanes of a <c>Vector128&lt;float&gt;</c>, which every .NET 8 target accelerates.</summary>
    public const int Width = 4;

    public int Last => First + Count - 1;

    /// <summary>Whether all four lanes hold units, so the group loads and stores as one vector.</summary>
    public bool Full => Count == Width;

    /// <summary>How the group's locals end: <c>0to3</c> for units 0 to 3, <c>4</c> for unit 4 alone (<c>z1_0to3</c>, <c>a2_4</c>).</summary>
    public string Suffix => Count == 1 ? $"{First}" : $"{First}to{Last}";

    /// <summary>The group's units as the equation comments write them: <c>0..3</c>, or <c>4</c>.</summary>
    public string Range => Count == 1 ? $"{First}" : $"{First}..{Last}";

    /// <summary>The groups that hold units 0 to <paramref name="units"/> - 1, four at a time.</summary>
    public static IEnumerable<LaneGroup> Of(int units)
    {
        for (int first = 0; first < units; first += Width)
            yield return new LaneGroup(first, Math.Min(Width, units - first));
    }

    /// <summary>How many groups hold <paramref name="units"/> units.</summary>
    public static int CountFor(int units) => (units + Width - 1) / Width;

    /// <summary>The group that holds unit <paramref name="unit"/>.</summary>
    public static LaneGroup Holding(int unit, int units) =>
        new(unit - unit % Width, Math.Min(Width, units - (unit - unit % Width)));

    /// <summary>
    /// <c>Vector128.Create</c> of one value per unit of the group, in order, with 0 in the padding
    /// lanes: <paramref name="value"/> gives the expression for a unit.
    /// </summary>
    public string Create(Func<int, string> value)
    {
        var lanes = new string[Width];
        for (int lane = 0; lane < Width; lane++)
            lanes[lane] = lane < Count ? value(First + lane) : "0f";
        return NetworkEmitter.Vectors + ".Create(" + string.Join(", ", lanes) + ")";
    }
}
