using System.Buffers.Binary;
using System.Text;
using GenNet.Tests.Generated;

namespace GenNet.Tests.Weights;

/// <summary>
/// Weight files: both forms round-trip every parameter exactly across engines, and every kind of
/// bad file is refused with a clear exception that leaves the network's parameters as they were.
/// </summary>
public sealed class NetworkWeightsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gennet-weights-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    public static TheoryData<WeightFormat> Formats => [WeightFormat.Json, WeightFormat.Binary];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_parameter_comes_back_bit_for_bit_in_every_engine(WeightFormat format)
    {
        var trained = Trained();
        string path = Path.Combine(folder, "xor.weights");
        NetworkWeights.Save(trained, path, format);

        foreach (INetwork engine in new INetwork[] { new XorNet(), new ReferenceNetwork(XorNet.Spec), new DynamicNetwork(XorNet.Spec) })
        {
            NetworkWeights.Load(engine, path);
            engine.Parameters.ToArray().ShouldBe(trained.Parameters.ToArray(), engine.GetType().Name);
        }
    }

    [Fact]
    public void Values_that_need_every_digit_survive_the_json_form()
    {
        var network = new XorNet();
        float[] awkward = [float.Epsilon, -float.MaxValue, 1f / 3f, 0.1f, -0f, 1e-30f, 16777217f, MathF.PI];
        for (int k = 0; k < network.Parameters.Length; k++)
            network.Parameters[k] = awkward[k % awkward.Length];
        string path = Path.Combine(folder, "awkward.json");
        NetworkWeights.Save(network, path);

        var loaded = new XorNet();
        NetworkWeights.Load(loaded, path);

        loaded.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits).ShouldBe(network.Parameters.ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void The_extension_picks_the_form_and_json_is_readable()
    {
        var network = Trained();
        NetworkWeights.Save(network, Path.Combine(folder, "a.json"));
        NetworkWeights.Save(network, Path.Combine(folder, "a.bin"));

        string json = File.ReadAllText(Path.Combine(folder, "a.json"));
        json.ShouldContain("\"format\": \"GenNet.Weights\"");
        json.ShouldContain("\"activation\": \"Tanh\"");
        json.ShouldContain("\"loss\": \"BinaryCrossEntropy\"");
        File.ReadAllBytes(Path.Combine(folder, "a.bin")).AsSpan(0, 4).SequenceEqual("GNNW"u8).ShouldBeTrue();
        // A file records layers and loss, not how the weights were first drawn (XorNet says Init.Small; a file reads as the default).
        NetworkWeights.ReadSpec(Path.Combine(folder, "a.bin")).ShouldBe(new NetworkSpec(XorNet.InputCount, XorNet.Spec.Layers, XorNet.Spec.Loss));
    }

    [Fact]
    public void The_binary_form_is_laid_out_as_documented()
    {
        var network = Trained();
        string path = Path.Combine(folder, "layout.bin");
        NetworkWeights.Save(network, path, WeightFormat.Binary);
        var bytes = File.ReadAllBytes(path).AsSpan();

        BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]).ShouldBe((ushort)1);
        BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]).ShouldBe(2);        // n[0]
        BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]).ShouldBe(2);       // L
        BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]).ShouldBe(4);       // n[1]
        BinaryPrimitives.ReadInt32LittleEndian(bytes[20..]).ShouldBe((int)Activation.Tanh);
        BinaryPrimitives.ReadInt32LittleEndian(bytes[24..]).ShouldBe(1);       // n[2]
        BinaryPrimitives.ReadInt32LittleEndian(bytes[28..]).ShouldBe((int)Activation.Sigmoid);
        BinaryPrimitives.ReadInt32LittleEndian(bytes[32..]).ShouldBe((int)Loss.BinaryCrossEntropy);
        BinaryPrimitives.ReadInt32LittleEndian(bytes[36..]).ShouldBe(17);      // P
        for (int k = 0; k < 17; k++)
            BinaryPrimitives.ReadSingleLittleEndian(bytes[(40 + 4 * k)..]).ShouldBe(network.Parameters[k]);
        bytes.Length.ShouldBe(40 + 4 * 17 + 4);
        // zip's CRC-32 of "123456789" is 0xCBF43926; the file's is of every byte before it.
        Crc32.Of("123456789"u8).ShouldBe(0xCBF43926u);
        BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]).ShouldBe(Crc32.Of(bytes[..^4]));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_file_of_another_shape_is_refused_naming_both_shapes(WeightFormat format)
    {
        string path = Path.Combine(folder, "relu.weights");
        NetworkWeights.Save(new ReluClassifier(), path, format);
        var network = Trained();
        var before = network.Parameters.ToArray();

        var error = Should.Throw<ArgumentException>(() => NetworkWeights.Load(network, path));

        error.ParamName.ShouldBe("network");
        error.Message.ShouldContain(ReluClassifier.Spec.ToString());
        error.Message.ShouldContain(XorNet.Spec.ToString());
        network.Parameters.ToArray().ShouldBe(before);
    }

    [Fact]
    public void The_same_layers_with_another_activation_are_another_shape()
    {
        var tanh = new DynamicNetwork(new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)]));
        var relu = new DynamicNetwork(new NetworkSpec(2, [new(4, Activation.ReLU), new(1, Activation.Sigmoid)]));
        string path = Path.Combine(folder, "tanh.bin");
        NetworkWeights.Save(tanh, path);

        Should.Throw<ArgumentException>(() => NetworkWeights.Load(relu, path)).Message.ShouldContain("layers differ");
    }

    [Fact]
    public void Another_loss_over_the_same_layers_loads()
    {
        var squared = new DynamicNetwork(new NetworkSpec(2, [new(4, Activation.Tanh), new(1, Activation.Sigmoid)], Loss.HalfSquaredError));
        string path = Path.Combine(folder, "xor.bin");
        NetworkWeights.Save(Trained(), path);

        NetworkWeights.Load(squared, path);

        squared.Parameters.ToArray().ShouldBe(Trained().Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_truncated_file_is_refused_at_every_length(WeightFormat format)
    {
        string path = Path.Combine(folder, "whole");
        NetworkWeights.Save(Trained(), path, format);
        var whole = File.ReadAllBytes(path);
        for (int length = 1; length < whole.Length; length++)
        {
            File.WriteAllBytes(path, whole[..length]);
            ShouldRefuse(path, format == WeightFormat.Binary ? "truncated" : "not valid JSON");
        }
    }

    [Fact]
    public void A_changed_byte_fails_the_checksum()
    {
        string path = Path.Combine(folder, "damaged.bin");
        NetworkWeights.Save(Trained(), path);
        var bytes = File.ReadAllBytes(path);
        bytes[41] ^= 0x01; // one bit of the first parameter

        File.WriteAllBytes(path, bytes);

        ShouldRefuse(path, "checksum");
    }

    [Theory]
    [InlineData("GNNX", "neither")]
    [InlineData("PK\u0003\u0004", "neither")]
    public void A_foreign_file_is_refused(string start, string message)
    {
        string path = Path.Combine(folder, "foreign.bin");
        NetworkWeights.Save(Trained(), path);
        var bytes = File.ReadAllBytes(path);
        Encoding.Latin1.GetBytes(start).CopyTo(bytes, 0);
        File.WriteAllBytes(path, bytes);

        ShouldRefuse(path, message);
    }

    [Fact]
    public void A_newer_version_is_refused_in_both_forms()
    {
        string binary = Path.Combine(folder, "v2.bin");
        NetworkWeights.Save(Trained(), binary);
        var bytes = File.ReadAllBytes(binary);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Of(bytes.AsSpan(0, bytes.Length - 4)));
        File.WriteAllBytes(binary, bytes);
        ShouldRefuse(binary, "version 2");

        string json = Path.Combine(folder, "v2.json");
        NetworkWeights.Save(Trained(), json);
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"version\": 1", "\"version\": 2"));
        ShouldRefuse(json, "version 2");
    }

    [Fact]
    public void NaN_is_refused_when_saving_and_when_loading()
    {
        var diverged = Trained();
        diverged.Parameters[5] = float.NaN;
        Should.Throw<ArgumentException>(() => NetworkWeights.Save(diverged, Path.Combine(folder, "nan.bin"))).Message.ShouldContain("Parameter 5");

        // A file that says NaN with a valid checksum, as only a writer other than this one makes.
        string binary = Path.Combine(folder, "nan.bin");
        NetworkWeights.Save(Trained(), binary);
        var bytes = File.ReadAllBytes(binary);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(40 + 4 * 5), float.NaN);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Of(bytes.AsSpan(0, bytes.Length - 4)));
        File.WriteAllBytes(binary, bytes);
        ShouldRefuse(binary, "Parameter 5");

        string json = Path.Combine(folder, "inf.json");
        NetworkWeights.Save(Trained(), json);
        var text = File.ReadAllText(json);
        int at = text.IndexOf("\"parameters\": [", StringComparison.Ordinal) + "\"parameters\": [".Length;
        int end = text.IndexOf(',', at);
        File.WriteAllText(json, text[..at] + "\n    1e999" + text[end..]);
        ShouldRefuse(json, "Parameter 0");
    }

    [Theory]
    [InlineData("{}", "format")]
    [InlineData("{\"format\": \"GenNet.Weights\", \"version\": 1, \"inputs\": 2, \"layers\": [{\"units\": 1, \"activation\": \"Softmax\"}], \"loss\": \"Auto\", \"parameters\": [0, 0, 0]}", "Softmax")]
    [InlineData("{\"format\": \"GenNet.Weights\", \"version\": 1, \"inputs\": 0, \"layers\": [{\"units\": 1, \"activation\": \"Linear\"}], \"loss\": \"Auto\", \"parameters\": [0]}", "no valid network")]
    [InlineData("{\"format\": \"GenNet.Weights\", \"version\": 1, \"inputs\": 2, \"layers\": [{\"units\": 1, \"activation\": \"Linear\"}], \"loss\": \"Auto\", \"parameters\": [0, 0]}", "holds 2")]
    public void A_json_file_that_describes_no_loadable_network_is_refused(string text, string message)
    {
        string path = Path.Combine(folder, "bad.json");
        File.WriteAllText(path, text);

        ShouldRefuse(path, message);
    }

    [Fact]
    public void An_empty_or_missing_file_is_refused()
    {
        string empty = Path.Combine(folder, "empty.bin");
        File.WriteAllBytes(empty, []);
        ShouldRefuse(empty, "empty");

        Should.Throw<FileNotFoundException>(() => NetworkWeights.Load(new XorNet(), Path.Combine(folder, "missing.bin")));
    }

    [Fact]
    public void Saving_replaces_the_old_file_whole_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(folder, "model.bin");
        NetworkWeights.Save(new XorNet(), path);
        var trained = Trained();

        NetworkWeights.Save(trained, path);

        var loaded = new XorNet();
        NetworkWeights.Load(loaded, path);
        loaded.Parameters.ToArray().ShouldBe(trained.Parameters.ToArray());
        Directory.GetFiles(folder).Select(Path.GetFileName).ShouldBe(["model.bin"]);
    }

    [Fact]
    public void A_save_that_fails_leaves_the_previous_file_as_it_was()
    {
        string path = Path.Combine(folder, "model.bin");
        NetworkWeights.Save(Trained(), path);
        var before = File.ReadAllBytes(path);
        var diverged = Trained();
        diverged.Parameters[0] = float.PositiveInfinity;

        Should.Throw<ArgumentException>(() => NetworkWeights.Save(diverged, path));
        // The target is a folder: writing the temporary file works, renaming it over the target cannot.
        string folderTarget = Directory.CreateDirectory(Path.Combine(folder, "taken")).FullName;
        Should.Throw<IOException>(() => NetworkWeights.Save(Trained(), folderTarget));

        File.ReadAllBytes(path).ShouldBe(before);
        Directory.GetFiles(folder).Select(Path.GetFileName).ShouldBe(["model.bin"]);
    }

    [Fact]
    public void Streams_carry_the_same_bytes_as_files()
    {
        var trained = Trained();
        using var stream = new MemoryStream();
        NetworkWeights.Write(trained, stream, WeightFormat.Binary);
        string path = Path.Combine(folder, "same.bin");
        NetworkWeights.Save(trained, path);
        stream.ToArray().ShouldBe(File.ReadAllBytes(path));

        stream.Position = 0;
        var loaded = new DynamicNetwork(XorNet.Spec);
        NetworkWeights.Read(loaded, stream);
        loaded.Parameters.ToArray().ShouldBe(trained.Parameters.ToArray());
    }

    /// <summary>A network with parameters unlike any other's, every one of them non-zero.</summary>
    private static XorNet Trained()
    {
        var network = new XorNet();
        network.Initialize(seed: 42);
        var random = new Random(42);
        network.TrainStep(TestData.Uniform(random, 8), [0, 1, 1, 0], learningRate: 0.5f);
        return network;
    }

    /// <summary>Loading <paramref name="path"/> throws InvalidDataException mentioning <paramref name="message"/>, and changes nothing.</summary>
    private static void ShouldRefuse(string path, string message)
    {
        var network = Trained();
        var before = network.Parameters.ToArray();
        Should.Throw<InvalidDataException>(() => NetworkWeights.Load(network, path)).Message.ShouldContain(message, Case.Insensitive);
        network.Parameters.ToArray().ShouldBe(before);
    }
}
