using System.Text;
using GenNet.Tests.Generated;

namespace GenNet.Tests.Weights;

/// <summary>
/// The weight files of issue 11, item 8, one by one: each used to escape as another exception or to be
/// read as something it does not say; each is now refused with <see cref="InvalidDataException"/> (or,
/// for a path with no file, <see cref="FileNotFoundException"/>), leaving the network as it was.
/// </summary>
public sealed class HostileWeightFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gennet-hostile-weights-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_null_layer_is_refused()
    {
        ShouldRefuse(Json(inputs: "2", layers: "[null]", parameters: "[0, 0, 0]"), "layer 1 is null");
    }

    [Theory]
    [InlineData("65536", "65536")]
    [InlineData("2147483647", "1")]
    [InlineData("1", "2147483647")]
    [InlineData("1073741824", "2")]
    public void Sizes_whose_parameter_count_overflows_are_refused_in_json(string inputs, string units)
    {
        ShouldRefuse(Json(inputs, $$"""[{"units": {{units}}, "activation": "Linear"}]""", "[]"), "more than 2147483647 parameters");
    }

    [Theory]
    [InlineData(65536, 65536)]
    [InlineData(int.MaxValue, 1)]
    [InlineData(1, int.MaxValue)]
    [InlineData(46341, 46341)]
    public void Sizes_whose_parameter_count_overflows_are_refused_in_a_36_byte_binary_file_with_a_valid_checksum(int inputs, int units)
    {
        ShouldRefuse(WeightFileFuzzTests.OneLayerFile(inputs, units), "more than 2147483647 parameters");
    }

    [Fact]
    public void Sizes_just_below_the_limit_are_counted_exactly()
    {
        // (46340 + 1) × 46340 = 2,147,441,940 parameters fit in an int: the file is refused for holding none of them.
        ShouldRefuse(WeightFileFuzzTests.OneLayerFile(46340, 46340), "2147441940 parameters");
    }

    [Theory]
    [InlineData("Sigmoid, Tanh")] // Enum.TryParse reads this as Sigmoid | Tanh = ReLU
    [InlineData("Sigmoid,Tanh")]
    [InlineData(" Sigmoid")]
    [InlineData("Sigmoid ")]
    [InlineData("sigmoid")]
    [InlineData("1")]
    [InlineData("3")]
    [InlineData("")]
    public void An_activation_name_must_be_exactly_a_member_name(string name)
    {
        ShouldRefuse(Json("2", $$"""[{"units": 1, "activation": "{{name}}"}]""", "[0, 0, 0]"), $"\"{name}\"");
    }

    [Theory]
    [InlineData("BinaryCrossEntropy, Auto")]
    [InlineData(" Auto")]
    [InlineData("auto")]
    [InlineData("2")]
    public void A_loss_name_must_be_exactly_a_member_name(string name)
    {
        ShouldRefuse(Json("2", """[{"units": 1, "activation": "Sigmoid"}]""", "[0, 0, 0]", loss: name), $"\"{name}\"");
    }

    [Fact]
    public void The_exact_names_still_load()
    {
        string path = Write(Json("2", """[{"units": 4, "activation": "Tanh"}, {"units": 1, "activation": "Sigmoid"}]""", $"[{string.Join(", ", Enumerable.Repeat("0.5", 17))}]", loss: "BinaryCrossEntropy"));
        var network = new XorNet();

        NetworkWeights.Load(network, path);

        network.Parameters.ToArray().ShouldAllBe(p => p == 0.5f);
    }

    [Fact]
    public void A_file_saved_before_the_half_squared_error_rename_still_loads()
    {
        // GenNet 0.1 wrote Loss.HalfSquaredError under its former name, "MeanSquaredError".
        string path = Write(Json("1", """[{"units": 1, "activation": "Linear"}]""", "[0.25, 0.5]", loss: "MeanSquaredError"));

        NetworkWeights.ReadSpec(path).Loss.ShouldBe(Loss.HalfSquaredError);
    }

    [Fact]
    public void A_folder_or_a_missing_folder_is_no_file()
    {
        var network = new XorNet();
        Should.Throw<FileNotFoundException>(() => NetworkWeights.Load(network, folder)).Message.ShouldContain("folder");
        Should.Throw<FileNotFoundException>(() => NetworkWeights.ReadSpec(folder));
        Should.Throw<FileNotFoundException>(() => NetworkWeights.Load(network, Path.Combine(folder, "no such folder", "x.bin")));
        network.Parameters.ToArray().ShouldAllBe(p => p == 0f);
    }

    [Fact]
    public void An_endless_stream_or_device_is_refused_after_a_small_buffer()
    {
        var network = new XorNet();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Should.Throw<InvalidDataException>(() => NetworkWeights.Read(network, new EndlessZeros())).Message.ShouldContain("neither");
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(1 << 20);

        // Starts like JSON, then is not: refused once the broken JSON shows, not read to its end (64 MB here, so
        // that a reader that reads it all fails this test rather than the machine).
        before = GC.GetAllocatedBytesForCurrentThread();
        Should.Throw<InvalidDataException>(() => NetworkWeights.Read(network, new EndlessZeros("{\"format\": \"GenNet.Weights\", \"version\": 1,"u8.ToArray(), 64 << 20)))
            .Message.ShouldContain("not valid JSON");
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(1 << 20);

        // A character device: its length reads as 0, and it never ends.
        if (File.Exists("/dev/zero"))
        {
            before = GC.GetAllocatedBytesForCurrentThread();
            Should.Throw<InvalidDataException>(() => NetworkWeights.Load(network, "/dev/zero")).Message.ShouldContain("neither");
            (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBeLessThan(1 << 20);
        }
        network.Parameters.ToArray().ShouldAllBe(p => p == 0f);
    }

    private static byte[] Json(string inputs, string layers, string parameters, string loss = "Auto") => Encoding.UTF8.GetBytes($$"""
        {"format": "GenNet.Weights", "version": 1, "inputs": {{inputs}}, "layers": {{layers}}, "loss": "{{loss}}", "parameters": {{parameters}}}
        """);

    private string Write(byte[] bytes)
    {
        string path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".weights");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Loading the file throws InvalidDataException mentioning <paramref name="message"/> and changes nothing.</summary>
    private void ShouldRefuse(byte[] file, string message)
    {
        var network = new XorNet();
        network.Initialize(seed: 5);
        var before = network.Parameters.ToArray();

        Should.Throw<InvalidDataException>(() => NetworkWeights.Load(network, Write(file))).Message.ShouldContain(message);

        network.Parameters.ToArray().ShouldBe(before);
    }

    /// <summary>A stream of <paramref name="start"/> and then zero bytes up to <paramref name="length"/> (by default never ending), which cannot say how long it is.</summary>
    private sealed class EndlessZeros(byte[]? start = null, long length = long.MaxValue) : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            count = (int)Math.Min(count, length - position);
            Array.Clear(buffer, offset, count);
            for (int k = 0; k < count && position + k < (start?.Length ?? 0); k++)
                buffer[offset + k] = start![position + k];
            position += count;
            return count;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
