namespace GenNet.Tests.Training;

/// <summary>
/// Logistic regression is the network with no hidden layer and one sigmoid unit. Gradient descent
/// on it must reach the unique minimiser of the cross-entropy cost, which the test finds
/// independently with Newton's method.
/// </summary>
public class LogisticRegressionTests
{
    [Fact]
    public void Gradient_descent_reaches_the_weights_newtons_method_finds()
    {
        var (inputs, labels) = OverlappingClusters(m: 60, seed: 11);
        var network = new ReferenceNetwork(TestData.Spec(2, Loss.Auto, (1, Activation.Sigmoid)));
        network.Initialize(seed: 1);

        for (int iteration = 0; iteration < 4000; iteration++)
            network.TrainStep(inputs, labels, learningRate: 2f);

        double[] newton = NewtonLogisticRegression(inputs, labels);
        // Layout of a 2-1 net: W[1][0,0], W[1][0,1], then b[1][0].
        for (int k = 0; k < 3; k++)
            ((double)network.Parameters[k]).ShouldBe(newton[k], 2e-4, $"parameter {k}");
        newton.ShouldAllBe(w => Math.Abs(w) > 0.05, "the clusters must overlap enough that the weights stay finite and non-trivial");
    }

    /// <summary>Two Gaussian clusters whose centres are 1.5 standard deviations apart: not separable.</summary>
    private static (float[] Inputs, float[] Labels) OverlappingClusters(int m, int seed)
    {
        var random = new Random(seed);
        var inputs = new float[2 * m];
        var labels = new float[m];
        for (int i = 0; i < m; i++)
        {
            int label = i % 2;
            double centre = label == 1 ? 0.75 : -0.75;
            inputs[2 * i] = (float)(centre + Normal(random));
            inputs[2 * i + 1] = (float)(0.5 * centre + Normal(random));
            labels[i] = label;
        }
        return (inputs, labels);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>
    /// Newton's method on the mean cross-entropy of θ = (w₁, w₂, b): θ := θ - H⁻¹∇J, with
    /// ∇J = (1/m) Σ (p - y) x̃ and H = (1/m) Σ p(1 - p) x̃x̃ᵀ, x̃ = (x₁, x₂, 1).
    /// </summary>
    private static double[] NewtonLogisticRegression(float[] inputs, float[] labels)
    {
        int m = labels.Length;
        var θ = new double[3];
        for (int iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[3];
            var hessian = new double[3, 3];
            for (int i = 0; i < m; i++)
            {
                double[] x = [inputs[2 * i], inputs[2 * i + 1], 1];
                double p = 1 / (1 + Math.Exp(-(θ[0] * x[0] + θ[1] * x[1] + θ[2])));
                for (int r = 0; r < 3; r++)
                {
                    gradient[r] += (p - labels[i]) * x[r] / m;
                    for (int c = 0; c < 3; c++)
                        hessian[r, c] += p * (1 - p) * x[r] * x[c] / m;
                }
            }
            double[] step = Solve3(hessian, gradient);
            for (int r = 0; r < 3; r++)
                θ[r] -= step[r];
        }
        return θ;
    }

    /// <summary>Solves the 3×3 system A·s = v by Cramer's rule.</summary>
    private static double[] Solve3(double[,] a, double[] v)
    {
        static double Det(double[,] m) =>
            m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1])
            - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
            + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        double det = Det(a);
        var solution = new double[3];
        for (int column = 0; column < 3; column++)
        {
            var replaced = (double[,])a.Clone();
            for (int row = 0; row < 3; row++)
                replaced[row, column] = v[row];
            solution[column] = Det(replaced) / det;
        }
        return solution;
    }
}
