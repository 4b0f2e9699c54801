namespace GenNet;

/// <summary>
/// Reads a weight file's bytes from a path or a stream, with the memory it may cost bounded by what
/// is actually there: a folder, a device such as <c>/dev/zero</c>, an endless stream, a huge foreign file
/// or one whose JSON is already broken is refused after the buffer in which that shows, not read until
/// memory runs out. (Only bytes that stay valid so far, such as endless white space inside a JSON
/// document, are read up to <see cref="MaxLength"/>.)
/// </summary>
internal static class WeightFileBytes
{
    /// <summary>The largest weight file read: one byte less than the largest array .NET allocates (the extra byte detects the end).</summary>
    public static readonly int MaxLength = Array.MaxLength - 1;

    /// <summary>Enough bytes to tell the two forms from anything else (a foreign file is refused after these).</summary>
    private const int FirstChunk = 4096;

    /// <summary>The whole file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>: nothing there, a missing folder on the way, or a folder.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file is larger than <see cref="MaxLength"/>, or starts like no weight file.</exception>
    public static ArraySegment<byte> Read(string path)
    {
        // Opening a folder fails with UnauthorizedAccessException on Unix, which would blame permissions.
        if (Directory.Exists(path))
            throw new FileNotFoundException($"'{path}' is a folder, not a weight file.", path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            return Read(stream);
        }
        catch (DirectoryNotFoundException error)
        {
            throw new FileNotFoundException($"There is no weight file at '{path}': {error.Message}", path, error);
        }
    }

    /// <summary>
    /// The bytes of <paramref name="source"/> from its position to its end. The buffer starts small and
    /// grows only while the bytes still look like a weight file, and never past <see cref="MaxLength"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream holds more than <see cref="MaxLength"/> bytes, or starts like no weight file.</exception>
    public static ArraySegment<byte> Read(Stream source)
    {
        // A seekable stream's length is a hint only: a device or /proc file reports 0 and has more.
        long announced = source.CanSeek ? Math.Max(0, source.Length - source.Position) : 0;
        if (announced > MaxLength)
            throw TooLarge(announced);
        var buffer = new byte[Math.Min(FirstChunk, announced + 1)];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > MaxLength)
                    throw TooLarge(length);
                var recognized = NetworkWeights.Recognize(buffer);
                if (recognized == NetworkWeights.Recognized.Neither)
                    throw NetworkWeights.Foreign();
                // Already broken JSON goes no further: the JSON reader says what is wrong with what was read.
                if (recognized == NetworkWeights.Recognized.Json && !JsonWeightFormat.CouldBeStartOfDocument(buffer))
                    return new ArraySegment<byte>(buffer, 0, length);
                Array.Resize(ref buffer, (int)Math.Min(MaxLength + 1L, Math.Max(2L * length, announced + 1)));
            }
            int read = source.Read(buffer, length, buffer.Length - length);
            if (read == 0)
                return new ArraySegment<byte>(buffer, 0, length);
            length += read;
        }
    }

    private static InvalidDataException TooLarge(long length) =>
        new($"The weight file has {(length > MaxLength ? "more than " + MaxLength : length.ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes; GenNet reads weight files of up to {MaxLength} bytes.");
}
