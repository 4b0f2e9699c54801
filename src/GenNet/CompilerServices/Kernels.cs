using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace GenNet.CompilerServices;

/// <summary>
/// The vector kernels generated code calls: a dot product for <c>Z = W·A + b</c> and a scaled add
/// for the backward pass of layers too large to unroll, and a fused multiply-add for the lanes of
/// unrolled ones on .NET 8. Written once here with
/// <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector128{T}"/> (the widest the
/// hardware accelerates) and fused multiply-add, so generated code stays short and readable.
/// </summary>
/// <remarks>For generated code only: public because the code GenNet generates into your assembly
/// calls it, hidden from IntelliSense, and with no compatibility promise between versions.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Kernels
{
    /// <summary><c>Σ x[k]·y[k]</c> over the length of <paramref name="x"/>.</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, at least as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="y"/> is shorter than <paramref name="x"/>.</exception>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (y.Length < x.Length)
            throw new ArgumentException($"Expected at least {x.Length} values, but the span has {y.Length}.", nameof(y));
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int n = x.Length, k = 0;
        float sum = 0f;

        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            // Two accumulators, so consecutive fused multiply-adds do not wait on each other.
            Vector512<float> s0 = Vector512<float>.Zero, s1 = Vector512<float>.Zero;
            for (; k <= n - 2 * Vector512<float>.Count; k += 2 * Vector512<float>.Count)
            {
                s0 = FusedMultiplyAdd(Vector512.LoadUnsafe(ref xs, (nuint)k), Vector512.LoadUnsafe(ref ys, (nuint)k), s0);
                s1 = FusedMultiplyAdd(Vector512.LoadUnsafe(ref xs, (nuint)(k + Vector512<float>.Count)), Vector512.LoadUnsafe(ref ys, (nuint)(k + Vector512<float>.Count)), s1);
            }
            for (; k <= n - Vector512<float>.Count; k += Vector512<float>.Count)
                s0 = FusedMultiplyAdd(Vector512.LoadUnsafe(ref xs, (nuint)k), Vector512.LoadUnsafe(ref ys, (nuint)k), s0);
            sum = Vector512.Sum(s0 + s1);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            Vector256<float> s0 = Vector256<float>.Zero, s1 = Vector256<float>.Zero;
            for (; k <= n - 2 * Vector256<float>.Count; k += 2 * Vector256<float>.Count)
            {
                s0 = FusedMultiplyAdd(Vector256.LoadUnsafe(ref xs, (nuint)k), Vector256.LoadUnsafe(ref ys, (nuint)k), s0);
                s1 = FusedMultiplyAdd(Vector256.LoadUnsafe(ref xs, (nuint)(k + Vector256<float>.Count)), Vector256.LoadUnsafe(ref ys, (nuint)(k + Vector256<float>.Count)), s1);
            }
            for (; k <= n - Vector256<float>.Count; k += Vector256<float>.Count)
                s0 = FusedMultiplyAdd(Vector256.LoadUnsafe(ref xs, (nuint)k), Vector256.LoadUnsafe(ref ys, (nuint)k), s0);
            sum = Vector256.Sum(s0 + s1);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            Vector128<float> s0 = Vector128<float>.Zero;
            for (; k <= n - Vector128<float>.Count; k += Vector128<float>.Count)
                s0 = FusedMultiplyAdd(Vector128.LoadUnsafe(ref xs, (nuint)k), Vector128.LoadUnsafe(ref ys, (nuint)k), s0);
            sum = Vector128.Sum(s0);
        }

        for (; k < n; k++)
            sum += Unsafe.Add(ref xs, k) * Unsafe.Add(ref ys, k);
        return sum;
    }

    /// <summary><c>destination[k] += scale · x[k]</c> over the length of <paramref name="x"/>.</summary>
    /// <param name="x">The vector to add.</param>
    /// <param name="scale">Its factor.</param>
    /// <param name="destination">The vector added to, at least as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="x"/>.</exception>
    public static void AddScaled(ReadOnlySpan<float> x, float scale, Span<float> destination)
    {
        if (destination.Length < x.Length)
            throw new ArgumentException($"Expected at least {x.Length} values, but the span has {destination.Length}.", nameof(destination));
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ds = ref MemoryMarshal.GetReference(destination);
        int n = x.Length, k = 0;

        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            var s = Vector512.Create(scale);
            for (; k <= n - Vector512<float>.Count; k += Vector512<float>.Count)
                FusedMultiplyAdd(Vector512.LoadUnsafe(ref xs, (nuint)k), s, Vector512.LoadUnsafe(ref ds, (nuint)k)).StoreUnsafe(ref ds, (nuint)k);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            var s = Vector256.Create(scale);
            for (; k <= n - Vector256<float>.Count; k += Vector256<float>.Count)
                FusedMultiplyAdd(Vector256.LoadUnsafe(ref xs, (nuint)k), s, Vector256.LoadUnsafe(ref ds, (nuint)k)).StoreUnsafe(ref ds, (nuint)k);
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            var s = Vector128.Create(scale);
            for (; k <= n - Vector128<float>.Count; k += Vector128<float>.Count)
                FusedMultiplyAdd(Vector128.LoadUnsafe(ref xs, (nuint)k), s, Vector128.LoadUnsafe(ref ds, (nuint)k)).StoreUnsafe(ref ds, (nuint)k);
        }

        for (; k < n; k++)
            Unsafe.Add(ref ds, k) += scale * Unsafe.Add(ref xs, k);
    }

    /// <summary>
    /// Whether every value is a finite number: one vectorised pass, no allocation. <c>x - x</c> is +0
    /// for a finite <c>x</c> and NaN for NaN or ±∞; the bits of the differences are OR-ed together, so
    /// any NaN leaves bits set. OR takes one cycle where a running sum would make every vector wait
    /// three or four for the one before (measured: the sum cost a 784-128-10 training step 18 µs).
    /// </summary>
    /// <param name="values">The values to check.</param>
    public static bool AllFinite(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int n = values.Length, k = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<float>.Count)
        {
            var bits = Vector512<uint>.Zero;
            for (; k <= n - Vector512<float>.Count; k += Vector512<float>.Count)
            {
                var v = Vector512.LoadUnsafe(ref start, (nuint)k);
                bits |= (v - v).AsUInt32();
            }
            if (bits != Vector512<uint>.Zero)
                return false;
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<float>.Count)
        {
            var bits = Vector256<uint>.Zero;
            for (; k <= n - Vector256<float>.Count; k += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)k);
                bits |= (v - v).AsUInt32();
            }
            if (bits != Vector256<uint>.Zero)
                return false;
        }
        else if (Vector128.IsHardwareAccelerated && n >= Vector128<float>.Count)
        {
            var bits = Vector128<uint>.Zero;
            for (; k <= n - Vector128<float>.Count; k += Vector128<float>.Count)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)k);
                bits |= (v - v).AsUInt32();
            }
            if (bits != Vector128<uint>.Zero)
                return false;
        }
        for (; k < n; k++)
            if (!float.IsFinite(Unsafe.Add(ref start, k)))
                return false;
        return true;
    }

    /// <summary>
    /// <c>destination[start + 2k] = even[k]</c> and <c>destination[start + 2k + 1] = odd[k]</c> for
    /// k = 0 … 3: two vectors' lanes interleaved into eight consecutive floats, in two vector stores
    /// (interleaved by SSE's unpacks or Arm's zips where the hardware has them, else lane by lane). Generated code
    /// stores the gradient sums of a layer with two inputs this way: its weights lie row-major, a unit's
    /// two side by side, and its sums are a vector per input.
    /// </summary>
    /// <param name="even">The values for the even places (a layer's first input, four units).</param>
    /// <param name="odd">The values for the odd places (its second input).</param>
    /// <param name="destination">Receives the eight values.</param>
    /// <param name="start">Where the eight values begin in <paramref name="destination"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative or the eight values do not fit.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector128<float> even, Vector128<float> odd, Span<float> destination, int start)
    {
        ref float first = ref EightFrom(destination, start);
        var low = Interleaved(even, odd, out var high);
        low.StoreUnsafe(ref first);
        high.StoreUnsafe(ref first, 4);
    }

    /// <summary>
    /// <c>destination[start + 2k] += scale · even[k]</c> and <c>destination[start + 2k + 1] += scale · odd[k]</c>
    /// for k = 0 … 3, each fused (one rounding): <see cref="AddScaled"/> for two vectors' lanes interleaved
    /// (<see cref="StoreInterleaved"/>). Generated <c>TrainStep</c> updates the weights of a layer with two
    /// inputs this way when its gradient sums are still in registers.
    /// </summary>
    /// <param name="even">The values for the even places (a layer's first input, four units).</param>
    /// <param name="odd">The values for the odd places (its second input).</param>
    /// <param name="scale">The factor of both.</param>
    /// <param name="destination">The eight values added to.</param>
    /// <param name="start">Where the eight values begin in <paramref name="destination"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> is negative or the eight values do not fit.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaledInterleaved(Vector128<float> even, Vector128<float> odd, float scale, Span<float> destination, int start)
    {
        ref float first = ref EightFrom(destination, start);
        var low = Interleaved(even, odd, out var high);
        var factor = Vector128.Create(scale);
        FusedMultiplyAdd(low, factor, Vector128.LoadUnsafe(ref first)).StoreUnsafe(ref first);
        FusedMultiplyAdd(high, factor, Vector128.LoadUnsafe(ref first, 4)).StoreUnsafe(ref first, 4);
    }

    /// <summary>The first of eight floats of <paramref name="destination"/> from <paramref name="start"/>, or an exception naming <c>start</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float EightFrom(Span<float> destination, int start)
    {
        if ((uint)start > (uint)destination.Length || destination.Length - start < 2 * Vector128<float>.Count)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"Expected eight values to fit from the start, but the span has {destination.Length}.");
        return ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), start);
    }

    /// <summary>
    /// <paramref name="even"/> and <paramref name="odd"/> interleaved: lanes 0 and 1 of each in the vector returned,
    /// as even[0], odd[0], even[1], odd[1], and lanes 2 and 3 in <paramref name="high"/>. SSE's unpacks or Arm's
    /// zips where the hardware has them, else lane by lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Interleaved(Vector128<float> even, Vector128<float> odd, out Vector128<float> high)
    {
        if (Sse.IsSupported)
        {
            high = Sse.UnpackHigh(even, odd);
            return Sse.UnpackLow(even, odd);
        }
        if (AdvSimd.Arm64.IsSupported)
        {
            high = AdvSimd.Arm64.ZipHigh(even, odd);
            return AdvSimd.Arm64.ZipLow(even, odd);
        }
        high = Vector128.Create(even.GetElement(2), odd.GetElement(2), even.GetElement(3), odd.GetElement(3));
        return Vector128.Create(even.GetElement(0), odd.GetElement(0), even.GetElement(1), odd.GetElement(1));
    }

    /// <summary>
    /// One gradient-descent update, <c>θ += scale · Σ</c> (with <c>scale = -α/m</c>), made only when the
    /// gradient sum is finite. Otherwise the parameters stay as they were, and
    /// <see cref="NetworkArgument.NonFiniteGradient"/> throws for non-finite data or returns a
    /// non-finite cost for an overflowing gradient. Every engine's <c>TrainStep</c> ends with this, except
    /// generated code whose gradient sums stay in registers, which for fewer examples than a training block
    /// makes the same check and update from the registers (one rounding each, where this rounds the
    /// parameters past its last whole vector twice).
    /// </summary>
    /// <param name="gradientSum">The gradient summed over the batch, in the parameter layout.</param>
    /// <param name="scale">The factor, <c>-α/m</c>.</param>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="cost">The step's cost.</param>
    /// <param name="inputs">The step's inputs, to name a non-finite one.</param>
    /// <param name="targets">The step's targets, to name a non-finite one.</param>
    /// <returns>The cost to report: <paramref name="cost"/> after an update, a non-finite number without one.</returns>
    /// <exception cref="ArgumentException">The gradient is not finite because an input or target is NaN or infinite.</exception>
    public static float GradientStep(ReadOnlySpan<float> gradientSum, float scale, Span<float> parameters, float cost, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        if (!AllFinite(gradientSum))
            return NetworkArgument.NonFiniteGradient(inputs, targets, cost);
        AddScaled(gradientSum, scale, parameters);
        return cost;
    }

    // a·b + c, fused where the hardware can (one rounding); .NET 9 exposes that portably.
#if NET9_0_OR_GREATER
    /// <summary><c>a·b + c</c> lane by lane, fused where the hardware can: the sixteen-lane form of <see cref="FusedMultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/>, for batches of examples.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FusedMultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    /// <summary><c>a·b + c</c> lane by lane, fused where the hardware can: the eight-lane form of <see cref="FusedMultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/>, for batches of examples.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FusedMultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

    /// <summary>
    /// <c>a·b + c</c> lane by lane, fused (one rounding) where the hardware can: what code generated
    /// for .NET 8 calls, which has no portable <c>Vector128.FusedMultiplyAdd</c> (.NET 9 and later
    /// call that intrinsic directly).
    /// </summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);
#else
    /// <summary><c>a·b + c</c> lane by lane, fused where the hardware can: the sixteen-lane form, for batches of examples.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FusedMultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        Avx512F.IsSupported ? Avx512F.FusedMultiplyAdd(a, b, c) : a * b + c;

    /// <summary><c>a·b + c</c> lane by lane, fused where the hardware can: the eight-lane form, for batches of examples.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FusedMultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    /// <summary>
    /// <c>a·b + c</c> lane by lane, fused (one rounding) where the hardware can: what code generated
    /// for .NET 8 calls, which has no portable <c>Vector128.FusedMultiplyAdd</c> (.NET 9 and later
    /// call that intrinsic directly).
    /// </summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="c">The addend.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c)
        : AdvSimd.IsSupported ? AdvSimd.FusedMultiplyAdd(c, a, b)
        : a * b + c;
#endif
}
