using GenNet.Generators.Model;

namespace GenNet.Generators.Emit;

internal static partial class NetworkEmitter
{
    // Where the values of layer l live in generated code. An unrolled layer keeps Z, A and dZ in
    // locals named as the course does (z1_0, a1_0, dz1_0); a loop layer keeps them in spans
    // (z1, a1, dz1). A[0] is the input: locals when layer 1 is unrolled, else the span x itself.
    // An unrolled layer that feeds a loop layer also copies its A into a span (the loop reads it)
    // and receives its dZ through one (the loop writes W[l+1]ᵀ·dZ[l+1] there).

    private static bool InLocals(NetworkModel model, int l) =>
        l == 0 ? model.Layers[0].Unrolled : model.Layers[l - 1].Unrolled;

    /// <summary>Whether layer l's values must also exist as spans: its successor is a loop layer.</summary>
    private static bool FeedsLoop(NetworkModel model, int l) =>
        l >= 1 && l < model.Layers.Count && InLocals(model, l) && !model.Layers[l].Unrolled;

    private static string Z(NetworkModel model, int l, string i) => InLocals(model, l) ? $"z{l}_{i}" : $"z{l}[{i}]";

    private static string A(NetworkModel model, int l, string i) =>
        l == 0 && !InLocals(model, 0) ? $"x[{i}]" : InLocals(model, l) ? $"a{l}_{i}" : $"a{l}[{i}]";

    private static string DZ(NetworkModel model, int l, string i) => InLocals(model, l) ? $"dz{l}_{i}" : $"dz{l}[{i}]";

    private static string Z(NetworkModel model, int l, int i) => Z(model, l, i.ToString());

    private static string A(NetworkModel model, int l, int i) => A(model, l, i.ToString());

    private static string DZ(NetworkModel model, int l, int i) => DZ(model, l, i.ToString());

    /// <summary>The span holding A[l], for a loop layer to read.</summary>
    private static string ASpan(int l) => l == 0 ? "x" : $"a{l}";

    /// <summary>
    /// The span buffers a pass needs: Z and A of every loop layer, A of every unrolled layer feeding
    /// one, and (training) dZ of both. Each is a name and a length.
    /// </summary>
    private static List<(string Name, int Length)> Buffers(NetworkModel model, bool training)
    {
        var buffers = new List<(string, int)>();
        foreach (var layer in model.Layers)
        {
            int l = layer.Index;
            if (!layer.Unrolled)
            {
                buffers.Add(($"z{l}", layer.Units));
                buffers.Add(($"a{l}", layer.Units));
            }
            else if (FeedsLoop(model, l))
            {
                buffers.Add(($"a{l}", layer.Units));
            }
            if (training && (!layer.Unrolled || FeedsLoop(model, l)))
                buffers.Add(($"dz{l}", layer.Units));
        }
        return buffers;
    }

    /// <summary>The number of floats in the largest set of buffers a pass needs.</summary>
    private static int CacheLength(NetworkModel model) => Buffers(model, training: true).Sum(b => b.Length);

    private static bool CachesOnStack(NetworkModel model) => CacheLength(model) <= NetworkModel.StackCacheLimit;

    /// <summary>
    /// Declares a pass's buffers: on the stack while they are small, else as slices of the
    /// instance's cache array (allocated once, with the instance).
    /// </summary>
    private static void WriteBuffers(SourceWriter writer, NetworkModel model, bool training)
    {
        var buffers = Buffers(model, training);
        if (buffers.Count == 0)
            return;
        bool onStack = CachesOnStack(model);
        writer.Line(onStack
            ? "// The spans that loop layers read and write, on the stack"
            : $"// The spans that loop layers read and write, in the instance's cache array ({CacheLength(model)} floats: too many for the stack)");
        int offset = 0;
        foreach (var (name, length) in buffers)
        {
            writer.Line(onStack
                ? $"{Span} {name} = stackalloc float[{length}];"
                : $"{Span} {name} = _caches.AsSpan({offset}, {length});");
            offset += length;
        }
        writer.Line();
    }
}
