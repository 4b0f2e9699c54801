using System.Numerics;
using System.Runtime.InteropServices;

namespace GenNet;

/// <summary>
/// The element-wise updates of the optimisers, vectorised with <see cref="Vector{T}"/> (as wide as the
/// runtime makes it: 256 bits on AVX2 and, by default, on AVX-512 machines) with a scalar tail that
/// computes the same expression, so every element is rounded the same way wherever it falls.
/// No fused multiply-add: each operation rounds once, as the formulas read.
/// </summary>
internal static class OptimizerKernels
{
    /// <summary><c>θ := θ − α·g</c>.</summary>
    public static void GradientDescent(ReadOnlySpan<float> g, Span<float> theta, float alpha)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var gs = MemoryMarshal.Cast<float, Vector<float>>(g);
            var ts = MemoryMarshal.Cast<float, Vector<float>>(theta);
            var a = new Vector<float>(alpha);
            for (int i = 0; i < ts.Length; i++)
                ts[i] -= a * gs[i];
            k = ts.Length * Vector<float>.Count;
        }
        for (; k < theta.Length; k++)
            theta[k] -= alpha * g[k];
    }

    /// <summary><c>v := β·v + (1 − β)·g</c>, <c>θ := θ − α·v</c>.</summary>
    public static void Momentum(ReadOnlySpan<float> g, Span<float> theta, Span<float> v, float beta, float alpha)
    {
        float oneMinusBeta = 1f - beta;
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var gs = MemoryMarshal.Cast<float, Vector<float>>(g);
            var ts = MemoryMarshal.Cast<float, Vector<float>>(theta);
            var vs = MemoryMarshal.Cast<float, Vector<float>>(v);
            Vector<float> b = new(beta), c = new(oneMinusBeta), a = new(alpha);
            for (int i = 0; i < ts.Length; i++)
            {
                var velocity = b * vs[i] + c * gs[i];
                vs[i] = velocity;
                ts[i] -= a * velocity;
            }
            k = ts.Length * Vector<float>.Count;
        }
        for (; k < theta.Length; k++)
        {
            float velocity = beta * v[k] + oneMinusBeta * g[k];
            v[k] = velocity;
            theta[k] -= alpha * velocity;
        }
    }

    /// <summary><c>s := ρ·s + (1 − ρ)·g²</c>, <c>θ := θ − α·g / (√s + ε)</c>.</summary>
    public static void RmsProp(ReadOnlySpan<float> g, Span<float> theta, Span<float> s, float rho, float epsilon, float alpha)
    {
        float oneMinusRho = 1f - rho;
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var gs = MemoryMarshal.Cast<float, Vector<float>>(g);
            var ts = MemoryMarshal.Cast<float, Vector<float>>(theta);
            var ss = MemoryMarshal.Cast<float, Vector<float>>(s);
            Vector<float> r = new(rho), c = new(oneMinusRho), e = new(epsilon), a = new(alpha);
            for (int i = 0; i < ts.Length; i++)
            {
                var gradient = gs[i];
                var square = r * ss[i] + c * (gradient * gradient);
                ss[i] = square;
                ts[i] -= a * gradient / (Vector.SquareRoot(square) + e);
            }
            k = ts.Length * Vector<float>.Count;
        }
        for (; k < theta.Length; k++)
        {
            float gradient = g[k];
            float square = rho * s[k] + oneMinusRho * (gradient * gradient);
            s[k] = square;
            theta[k] -= alpha * gradient / (MathF.Sqrt(square) + epsilon);
        }
    }

    /// <summary>
    /// <c>v := β₁·v + (1 − β₁)·g</c>, <c>s := β₂·s + (1 − β₂)·g²</c>,
    /// <c>θ := θ − α·(v / c₁) / (√(s / c₂) + ε)</c> with the bias corrections <c>c₁ = 1 − β₁ᵗ</c>, <c>c₂ = 1 − β₂ᵗ</c>.
    /// </summary>
    public static void Adam(
        ReadOnlySpan<float> g, Span<float> theta, Span<float> v, Span<float> s,
        float beta1, float beta2, float epsilon, float alpha, float correction1, float correction2)
    {
        float oneMinusBeta1 = 1f - beta1, oneMinusBeta2 = 1f - beta2;
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var gs = MemoryMarshal.Cast<float, Vector<float>>(g);
            var ts = MemoryMarshal.Cast<float, Vector<float>>(theta);
            var vs = MemoryMarshal.Cast<float, Vector<float>>(v);
            var ss = MemoryMarshal.Cast<float, Vector<float>>(s);
            Vector<float> b1 = new(beta1), c1 = new(oneMinusBeta1), b2 = new(beta2), c2 = new(oneMinusBeta2);
            Vector<float> e = new(epsilon), a = new(alpha), bias1 = new(correction1), bias2 = new(correction2);
            for (int i = 0; i < ts.Length; i++)
            {
                var gradient = gs[i];
                var mean = b1 * vs[i] + c1 * gradient;
                var square = b2 * ss[i] + c2 * (gradient * gradient);
                vs[i] = mean;
                ss[i] = square;
                ts[i] -= a * (mean / bias1) / (Vector.SquareRoot(square / bias2) + e);
            }
            k = ts.Length * Vector<float>.Count;
        }
        for (; k < theta.Length; k++)
        {
            float gradient = g[k];
            float mean = beta1 * v[k] + oneMinusBeta1 * gradient;
            float square = beta2 * s[k] + oneMinusBeta2 * (gradient * gradient);
            v[k] = mean;
            s[k] = square;
            theta[k] -= alpha * (mean / correction1) / (MathF.Sqrt(square / correction2) + epsilon);
        }
    }
}
