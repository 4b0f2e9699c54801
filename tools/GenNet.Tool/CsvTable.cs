using System.Globalization;
using nietras.SeparatedValues;

namespace GenNet.Tool;

/// <summary>
/// A CSV file with a header row, read whole as text: the column names and each row's cells with the
/// line it started on, so every later complaint can name the file, the line and the column.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> columnIndex;

    private CsvTable(string file, string[] columns, List<string[]> rows, List<int> lines)
    {
        File = file;
        Columns = columns;
        Rows = rows;
        Lines = lines;
        columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < columns.Length; c++)
            if (!columnIndex.TryAdd(columns[c], c))
                throw InputException.At(file, 1, columns[c], "the header names this column twice.");
    }

    /// <summary>The path as the user gave it.</summary>
    public string File { get; }

    /// <summary>The column names, from the header row.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The cells of each data row, as many as there are columns.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>The line of the file each row starts on (the header is line 1).</summary>
    public IReadOnlyList<int> Lines { get; }

    /// <summary>Reads <paramref name="path"/>: a header, then at least one row, every row as wide as the header.</summary>
    /// <exception cref="InputException">The file is missing, empty, has no rows, or a row of another width.</exception>
    public static CsvTable Read(string path)
    {
        if (!System.IO.File.Exists(path))
            throw InputException.In(path, "no such file.");
        if (new FileInfo(path).Length == 0)
            throw InputException.In(path, "the file is empty; expected a header row and at least one data row.");
        try
        {
            return ReadRows(path);
        }
        catch (Exception error) when (error is InvalidDataException or ArgumentException or FormatException)
        {
            // Sep's own complaints (an unclosed quote, …) with the file's name in front.
            throw InputException.In(path, ToolRun.MessageOf(error));
        }
    }

    private static CsvTable ReadRows(string path)
    {
        // The width is checked here rather than by Sep, so that the message can say which line and what was expected.
        using var reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true, HasHeader = true }).FromFile(path);
        string[] columns = [.. reader.Header.ColNames];
        if (columns.Length == 0 || (columns.Length == 1 && columns[0].Length == 0))
            throw InputException.In(path, "the header row is empty; expected the column names.");
        var rows = new List<string[]>();
        var lines = new List<int>();
        foreach (var row in reader)
        {
            int line = row.LineNumberFrom;
            if (row.ColCount == 1 && row[0].Span.IsEmpty)
                continue; // a blank line, e.g. at the end of the file
            if (row.ColCount != columns.Length)
                throw InputException.At(path, line, row.ColCount > columns.Length ? $"#{columns.Length + 1}" : columns[row.ColCount],
                    $"the row has {row.ColCount} values, but the header names {columns.Length} columns.");
            var cells = new string[columns.Length];
            for (int c = 0; c < cells.Length; c++)
                cells[c] = row[c].ToString();
            rows.Add(cells);
            lines.Add(line);
        }
        if (rows.Count == 0)
            throw InputException.In(path, "the file has a header but no data rows.");
        return new CsvTable(path, columns, rows, lines);
    }

    /// <summary>The index of the column named <paramref name="name"/>.</summary>
    /// <exception cref="InputException">No column has that name.</exception>
    public int IndexOf(string name) =>
        columnIndex.TryGetValue(name, out int index)
            ? index
            : throw InputException.At(File, 1, name, $"no such column; the header names {string.Join(", ", Columns.Select(c => $"'{c}'"))}.");

    /// <summary>The values of the given columns as floats, example-major (row after row).</summary>
    /// <exception cref="InputException">A cell is not a finite number; the message names its line and column.</exception>
    public float[] Numbers(IReadOnlyList<int> columns)
    {
        var values = new float[Rows.Count * columns.Count];
        for (int i = 0; i < Rows.Count; i++)
            for (int j = 0; j < columns.Count; j++)
                values[i * columns.Count + j] = Number(i, columns[j]);
        return values;
    }

    /// <summary>One cell as a finite float.</summary>
    /// <exception cref="InputException">The cell is not a finite number.</exception>
    public float Number(int row, int column)
    {
        string cell = Rows[row][column];
        if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            throw InputException.At(File, Lines[row], Columns[column],
                cell.Length == 0 ? "the cell is empty; expected a number." : $"'{cell}' is not a finite number.");
        return value;
    }
}
