using System.Text;

namespace GenNet.Tests.Weights;

/// <summary>
/// Feeds a loader damaged files one by one and collects every way it misbehaves, instead of
/// stopping at the first: an exception its documentation does not name, a changed network after a
/// failed load, a non-finite parameter after a successful one, or more memory allocated than the
/// file's size justifies.
/// </summary>
/// <param name="target">The network loaded into; its parameters are restored after every accepted file.</param>
/// <param name="load">Loads one file's bytes into the network.</param>
/// <param name="documented">Whether an exception is one the loader documents for a bad file.</param>
/// <param name="misread">
/// For a file the loader parsed (accepted, or refused only because its layers differ): what the loader
/// got wrong in reading it, or null. Catches damage read as something valid.
/// </param>
internal sealed class LoaderFuzz(INetwork target, Action<INetwork, byte[]> load, Func<Exception, bool> documented, Func<byte[], string?>? misread = null)
{
    /// <summary>Bytes a load may allocate per byte of file: reading it, a parsed copy, the parameters and growth slack.</summary>
    public const int BytesPerFileByte = 64;

    /// <summary>Bytes a load may allocate whatever the file: exception objects, messages, small tables.</summary>
    public const int ConstantBytes = 256 * 1024;

    private readonly float[] original = target.Parameters.ToArray();
    private readonly List<string> failures = [];
    private readonly Dictionary<string, int> failureKinds = [];

    public int Mutations { get; private set; }

    public int Refused { get; private set; }

    public int Accepted { get; private set; }

    /// <summary>The documented exceptions of <see cref="NetworkWeights"/> and <c>OnnxImport</c>: bad data, or a file of other layers.</summary>
    public static bool IsDocumented(Exception error) =>
        error is InvalidDataException
        || (error.GetType() == typeof(ArgumentException) && ((ArgumentException)error).ParamName == "network");

    /// <summary>Loads <paramref name="file"/> and records whatever the loader did wrong with it.</summary>
    public void Check(string mutation, byte[] file)
    {
        Mutations++;
        Exception? error = null;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            load(target, file);
        }
        catch (Exception thrown) when (thrown is not Shouldly.ShouldAssertException)
        {
            error = thrown;
        }
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        if ((error is null || (documented(error) && error is ArgumentException)) && misread?.Invoke(file) is { } wrong)
            Fail("misread", $"{mutation}: {wrong}");

        if (error is null)
        {
            Accepted++;
            if (!target.Parameters.ToArray().All(float.IsFinite))
                Fail("accepted with a non-finite parameter", mutation);
            original.CopyTo(target.Parameters);
        }
        else
        {
            if (documented(error))
                Refused++;
            else
                Fail($"{error.GetType().Name}", $"{mutation}: {error.GetType().Name}: {error.Message}");
            if (!target.Parameters.SequenceEqual(original))
            {
                Fail("network changed by a failed load", mutation);
                original.CopyTo(target.Parameters);
            }
        }

        long bound = BytesPerFileByte * (long)file.Length + ConstantBytes;
        if (allocated > bound)
            Fail("allocation above bound", $"{mutation}: {allocated:N0} bytes allocated for a {file.Length}-byte file (bound {bound:N0})");
    }

    /// <summary>Writes the counts to <paramref name="output"/> and fails with a summary if anything went wrong.</summary>
    public void ShouldHaveNoFailures(ITestOutputHelper output, string name)
    {
        var summary = new StringBuilder($"{name}: {Mutations} mutations, {Refused} refused with a documented exception, {Accepted} accepted, {failures.Count} failures");
        foreach (var (kind, count) in failureKinds.OrderByDescending(pair => pair.Value))
            summary.Append($"\n  {count} × {kind}");
        foreach (string failure in failures.Take(400))
            summary.Append($"\n    {failure}");
        output.WriteLine(summary.ToString());
        failures.Count.ShouldBe(0, summary.ToString());
        Mutations.ShouldBeGreaterThan(1000);
    }

    private void Fail(string kind, string detail)
    {
        failureKinds[kind] = failureKinds.GetValueOrDefault(kind) + 1;
        failures.Add(detail);
    }
}
