using GenNet.Tests.Generated;

namespace GenNet.Tests.Weights;

/// <summary>
/// Weights loaded from bytes in memory (what a browser fetches, where there is no file to open): the same
/// parameters as from the file, and a bad or foreign file refused before the network changes.
/// </summary>
public sealed class NetworkWeightsInMemoryTests
{
    [Theory]
    [InlineData(WeightFormat.Json)]
    [InlineData(WeightFormat.Binary)]
    public void Bytes_load_every_parameter_bit_for_bit(WeightFormat format)
    {
        var saved = new XorNet();
        saved.Initialize(seed: 7);
        using var file = new MemoryStream();
        NetworkWeights.Write(saved, file, format);

        var loaded = new DynamicNetwork(XorNet.Spec);
        NetworkWeights.Read(loaded, file.ToArray());

        loaded.Parameters.ToArray().ShouldBe(saved.Parameters.ToArray());
    }

    [Fact]
    public void Empty_truncated_and_foreign_bytes_are_refused_and_change_nothing()
    {
        var saved = new XorNet();
        saved.Initialize(seed: 7);
        using var file = new MemoryStream();
        NetworkWeights.Write(saved, file, WeightFormat.Binary);
        byte[] whole = file.ToArray();
        var network = new XorNet();
        network.Initialize(seed: 8);
        float[] before = network.Parameters.ToArray();

        Should.Throw<InvalidDataException>(() => NetworkWeights.Read(network, ReadOnlySpan<byte>.Empty)).Message.ShouldContain("empty");
        Should.Throw<InvalidDataException>(() => NetworkWeights.Read(network, whole.AsSpan(0, whole.Length - 1)));
        Should.Throw<InvalidDataException>(() => NetworkWeights.Read(network, "<html>"u8)).Message.ShouldContain("Not a GenNet weight file");

        network.Parameters.ToArray().ShouldBe(before);
    }

    [Fact]
    public void Bytes_of_another_network_are_refused_naming_the_argument()
    {
        var other = new LogisticNet();
        other.Initialize(seed: 1);
        using var file = new MemoryStream();
        NetworkWeights.Write(other, file, WeightFormat.Json);

        Should.Throw<ArgumentException>(() => NetworkWeights.Read(new XorNet(), file.ToArray())).ParamName.ShouldBe("network");
        Should.Throw<ArgumentNullException>(() => NetworkWeights.Read(null!, file.ToArray())).ParamName.ShouldBe("network");
    }
}
