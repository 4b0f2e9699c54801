namespace GenNet.Datasets;

/// <summary>
/// The course's planar "flower": two classes of points on alternating petals of the rose
/// <c>r = 4 sin 4t</c>, with noise. A straight line cannot separate them (logistic regression
/// gets about half right), one hidden layer of a few tanh units can (about 90%).
/// </summary>
public static class PlanarFlower
{
    /// <summary>Generates the data set: half the points of each class, with features (x₁, x₂) and a 0/1 label.</summary>
    /// <param name="count">The number of points, even; 400 in the course.</param>
    /// <param name="seed">The seed of the noise.</param>
    /// <exception cref="ArgumentException"><paramref name="count"/> is not a positive even number.</exception>
    public static Dataset Generate(int count = 400, int seed = 1)
    {
        if (count < 2 || count % 2 != 0)
            throw new ArgumentException($"The flower needs a positive even number of points (half per class), but count is {count}.", nameof(count));

        const double PetalRadius = 4, Noise = 0.2, ArcPerClass = 3.12;
        int perClass = count / 2;
        var inputs = new float[count * 2];
        var targets = new float[count];
        var random = new GaussianSource(seed);
        for (int label = 0; label < 2; label++)
        {
            for (int k = 0; k < perClass; k++)
            {
                // Class j takes angles evenly spaced over [j·3.12, (j+1)·3.12]: each class lands on alternating petals.
                double step = perClass == 1 ? 0 : (double)k / (perClass - 1);
                double t = ArcPerClass * (label + step) + random.NextStandardNormal() * Noise;
                double r = PetalRadius * Math.Sin(4 * t) + random.NextStandardNormal() * Noise;
                int i = label * perClass + k;
                inputs[2 * i] = (float)(r * Math.Sin(t));
                inputs[2 * i + 1] = (float)(r * Math.Cos(t));
                targets[i] = label;
            }
        }
        return new Dataset(inputs, targets, InputCount: 2, OutputCount: 1);
    }
}
