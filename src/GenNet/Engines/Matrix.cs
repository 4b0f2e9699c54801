namespace GenNet;

/// <summary>
/// A small dense matrix of doubles, just enough linear algebra for <see cref="ReferenceNetwork"/>
/// to be written the way the course writes it. Clarity over speed: every operation allocates.
/// </summary>
internal sealed class Matrix
{
    private readonly double[] values;

    public Matrix(int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        values = new double[rows * columns];
    }

    public int Rows { get; }

    public int Columns { get; }

    public double this[int i, int j]
    {
        get => values[i * Columns + j];
        set => values[i * Columns + j] = value;
    }

    /// <summary>A matrix with one column per example, from example-major data (the course's <c>X</c>).</summary>
    public static Matrix FromExamples(ReadOnlySpan<float> data, int rows)
    {
        var matrix = new Matrix(rows, data.Length / rows);
        for (int i = 0; i < matrix.Rows; i++)
            for (int j = 0; j < matrix.Columns; j++)
                matrix[i, j] = data[j * rows + i];
        return matrix;
    }

    /// <summary>A matrix read row-major from <paramref name="data"/>.</summary>
    public static Matrix FromRowMajor(ReadOnlySpan<double> data, int rows, int columns)
    {
        var matrix = new Matrix(rows, columns);
        data[..matrix.values.Length].CopyTo(matrix.values);
        return matrix;
    }

    /// <summary>Writes the matrix example-major (column by column), the inverse of <see cref="FromExamples"/>.</summary>
    public void CopyToExamples(Span<float> destination)
    {
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
                destination[j * Rows + i] = (float)this[i, j];
    }

    /// <summary>Column <paramref name="j"/>: one example's values.</summary>
    public double[] Column(int j)
    {
        var column = new double[Rows];
        for (int i = 0; i < Rows; i++)
            column[i] = this[i, j];
        return column;
    }

    /// <summary>Writes the matrix row-major.</summary>
    public void CopyToRowMajor(Span<double> destination) => values.CopyTo(destination);

    public static Matrix operator *(Matrix a, Matrix b)
    {
        var product = new Matrix(a.Rows, b.Columns);
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < b.Columns; j++)
            {
                double sum = 0;
                for (int k = 0; k < a.Columns; k++)
                    sum += a[i, k] * b[k, j];
                product[i, j] = sum;
            }
        return product;
    }

    public static Matrix operator *(double scalar, Matrix a) => a.Map(x => scalar * x);

    public static Matrix operator -(Matrix a, Matrix b) => Zip(a, b, (x, y) => x - y);

    /// <summary>Adds the column vector <paramref name="column"/> to every column (numpy's broadcasting of <c>b</c>).</summary>
    public Matrix AddToEachColumn(Matrix column)
    {
        var sum = new Matrix(Rows, Columns);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
                sum[i, j] = this[i, j] + column[i, 0];
        return sum;
    }

    /// <summary>The element-wise product <c>∗</c>.</summary>
    public Matrix Hadamard(Matrix other) => Zip(this, other, (x, y) => x * y);

    public Matrix Transpose()
    {
        var transpose = new Matrix(Columns, Rows);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
                transpose[j, i] = this[i, j];
        return transpose;
    }

    /// <summary>The column vector of row sums, <c>Σ</c> over the examples.</summary>
    public Matrix SumOverColumns()
    {
        var sums = new Matrix(Rows, 1);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
                sums[i, 0] += this[i, j];
        return sums;
    }

    public Matrix Map(Func<double, double> f)
    {
        var result = new Matrix(Rows, Columns);
        for (int k = 0; k < values.Length; k++)
            result.values[k] = f(values[k]);
        return result;
    }

    /// <summary>A function of one column (one example's layer) into a column of the result.</summary>
    public delegate void ColumnFunction(ReadOnlySpan<double> column, Span<double> result);

    /// <summary>Applies <paramref name="f"/> to each column, for functions of a whole example's layer (softmax).</summary>
    public Matrix MapColumns(ColumnFunction f)
    {
        var result = new Matrix(Rows, Columns);
        var column = new double[Rows];
        var mapped = new double[Rows];
        for (int j = 0; j < Columns; j++)
        {
            for (int i = 0; i < Rows; i++)
                column[i] = this[i, j];
            f(column, mapped);
            for (int i = 0; i < Rows; i++)
                result[i, j] = mapped[i];
        }
        return result;
    }

    public static Matrix Zip(Matrix a, Matrix b, Func<double, double, double> f)
    {
        var result = new Matrix(a.Rows, a.Columns);
        for (int k = 0; k < a.values.Length; k++)
            result.values[k] = f(a.values[k], b.values[k]);
        return result;
    }
}
