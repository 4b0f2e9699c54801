using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static System.Runtime.CompilerServices.MethodImplOptions;

namespace GenNet.CompilerServices;

/// <summary>
/// The vector operations of one width that the batch kernels and the activations are written with, so
/// that <see cref="BatchKernels"/> and <see cref="VectorActivations"/> hold each computation once and the
/// JIT compiles it for each width (value-type arguments are never shared code, and every member here is
/// inlined, so the one text costs nothing). A comparison gives a mask, as the hardware does: all bits of
/// a lane set where it holds, none where not. Generated code's batch blocks are written once over it
/// too: one method per network, generic over the width, which the JIT compiles for the one width the
/// machine runs.
/// </summary>
/// <remarks>
/// For generated code only: public because the code GenNet generates into your assembly calls it,
/// hidden from IntelliSense, and with no compatibility promise between versions.
/// </remarks>
/// <typeparam name="TVector">The vector of floats: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/> or <see cref="Vector128{T}"/>.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ILanes<TVector>
{
    /// <summary>The lanes of one vector: the examples of one block.</summary>
    static abstract int Count { get; }

    /// <summary><paramref name="value"/> in every lane.</summary>
    static abstract TVector Broadcast(float value);

    /// <summary>The vector at <c>source[offset]</c>.</summary>
    static abstract TVector Load(ref float source, nuint offset);

    /// <summary>Writes <paramref name="value"/> at <c>destination[offset]</c>.</summary>
    static abstract void Store(TVector value, ref float destination, nuint offset);

    /// <summary>The vector that starts at <paramref name="source"/>: a block's row, read from an element a span's indexer checked.</summary>
    static abstract TVector Load(in float source);

    /// <summary>Writes <paramref name="value"/> from <paramref name="destination"/> on.</summary>
    static abstract void Store(TVector value, ref float destination);

    /// <summary>
    /// Row <paramref name="row"/> of a block's <paramref name="rows"/> (one value per lane each): the vector at
    /// <c>rows[row · Count]</c>, unchecked: the generator computes every row within the block's rows.
    /// </summary>
    static abstract TVector LoadRow(ReadOnlySpan<float> rows, int row);

    /// <summary>Writes <paramref name="value"/> as row <paramref name="row"/> of a block's <paramref name="rows"/>.</summary>
    static abstract void StoreRow(TVector value, Span<float> rows, int row);

    /// <inheritdoc cref="LoadRow(ReadOnlySpan{float}, int)"/>
    static abstract TVector LoadRow(Span<float> rows, int row);

    /// <summary><c>values[index]</c> in every lane; by reference and index, like <see cref="MultiplyAdd(ref float, int, TVector, TVector)"/>.</summary>
    static abstract TVector Broadcast(ref float values, int index);

    /// <summary><c>w·b</c> with <c>w = weights[index]</c> in every lane; by reference and index, like <see cref="MultiplyAdd(ref float, int, TVector, TVector)"/>.</summary>
    static abstract TVector Multiply(ref float weights, int index, TVector b);

    /// <summary>
    /// <c>sums[offset] += a·b</c>, the vector at <paramref name="offset"/> (a lane sum of training), fused where the
    /// hardware can: in one call, so that the JIT inlines it without a temporary for a load's result.
    /// </summary>
    static abstract void AccumulateProduct(TVector a, TVector b, ref float sums, nuint offset);

    /// <summary><c>sums[offset] += a</c>, the vector at <paramref name="offset"/>, in one call like <see cref="AccumulateProduct"/>.</summary>
    static abstract void Accumulate(TVector a, ref float sums, nuint offset);

    /// <summary><c>a + b</c>.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary><c>a - b</c>.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary><c>a · b</c>.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary><c>a / b</c>.</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary><c>a·b + c</c>, fused where the hardware can (<see cref="Kernels"/>).</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary><c>a·b + c</c> with <paramref name="a"/> in every lane (a baked weight times a block's inputs), fused where the hardware can.</summary>
    static abstract TVector MultiplyAdd(float a, TVector b, TVector c);

    /// <summary>
    /// <c>w·b + c</c> with <c>w = weights[index]</c> in every lane (a weight times a block's inputs), fused where
    /// the hardware can, <paramref name="weights"/> the first of the parameters. A reference and an index
    /// rather than the weight or a span: a block method makes a thousand of these calls, and the JIT inlines
    /// a call whose arguments are locals and constants without a temporary. A loaded weight as the argument
    /// took a temporary each, and past some hundreds the JIT stopped inlining; a span took a 16-byte copy
    /// each (its indexer takes the parameter's address), zeroed on entry: 16-32-16-1's block had an 8.6 KB
    /// frame and ran 3× slower. Unchecked: the generator computes every index within the parameters.
    /// </summary>
    static abstract TVector MultiplyAdd(ref float weights, int index, TVector b, TVector c);

    /// <summary>The sum of the lanes of <paramref name="value"/>.</summary>
    static abstract float Sum(TVector value);

    /// <summary>The largest integer ≤ each lane.</summary>
    static abstract TVector Floor(TVector value);

    /// <summary>The larger of each pair of lanes as the hardware's max gives it: where either is NaN, x86 gives <paramref name="b"/>, Arm NaN.</summary>
    static abstract TVector MaxNative(TVector a, TVector b);

    /// <summary>The mask of <c>a &lt; b</c> (clear where either is NaN).</summary>
    static abstract TVector LessThan(TVector a, TVector b);

    /// <summary>The mask of <c>a &gt; b</c> (clear where either is NaN).</summary>
    static abstract TVector GreaterThan(TVector a, TVector b);

    /// <summary>The mask of the lanes that are NaN.</summary>
    static abstract TVector IsNaN(TVector value);

    /// <summary>The bits of <paramref name="whereSet"/> where <paramref name="mask"/>'s are set, else those of <paramref name="whereClear"/>.</summary>
    static abstract TVector ConditionalSelect(TVector mask, TVector whereSet, TVector whereClear);

    /// <summary><c>a &amp; b</c>, bit by bit.</summary>
    static abstract TVector BitwiseAnd(TVector a, TVector b);

    /// <summary><c>a | b</c>, bit by bit.</summary>
    static abstract TVector BitwiseOr(TVector a, TVector b);

    /// <summary><c>a &amp; ~b</c>, bit by bit.</summary>
    static abstract TVector AndNot(TVector a, TVector b);

    /// <summary>
    /// Each lane converted to a 32-bit integer by the hardware's own conversion (exact for an integral
    /// value in range), the integer's bits left in the lane. .NET 9's saturating ConvertToInt32 would add a
    /// fix-up to every activation's path.
    /// </summary>
    static abstract TVector ConvertToInt32Bits(TVector value);

    /// <summary>Each lane's bits, read as a 32-bit integer, plus <paramref name="addend"/>.</summary>
    static abstract TVector AddToBits(TVector value, int addend);

    /// <summary>Each lane's bits, read as a 32-bit integer, shifted left by <paramref name="count"/>.</summary>
    static abstract TVector ShiftLeftBits(TVector value, int count);
}

// The three widths' bindings, one line a member: the only text written once per width. Beside each
// other they read as a table, and a member missing from one is a compile error. The multiply-adds call
// the intrinsic directly on .NET 9 and later, not through Kernels.FusedMultiplyAdd (which makes the same
// choice) nor through each other: a nested call's result as an argument costs the JIT a temporary per
// inlined call, and in a block method's thousand calls that left 244 of them un-inlined and tripled the
// spills of 16-32-16-1's eight-lane block (disassembly, DOTNET_JitDisasm=PredictBlocks). Each member is the
// interface's, documented there; an <inheritdoc/> above every line would hide the table.
#pragma warning disable CS1591 // Missing XML comment for publicly visible type or member

/// <summary>Sixteen lanes: <see cref="Vector512{T}"/>. For generated code only, as <see cref="ILanes{TVector}"/> is.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Lanes16 : ILanes<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;
    [MethodImpl(AggressiveInlining)] public static Vector512<float> Broadcast(float value) => Vector512.Create(value);
    [MethodImpl(AggressiveInlining)] public static Vector512<float> Load(ref float source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);
    [MethodImpl(AggressiveInlining)] public static void Store(Vector512<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    [MethodImpl(AggressiveInlining)] public static Vector512<float> Load(in float source) => Vector512.LoadUnsafe(in source);
    [MethodImpl(AggressiveInlining)] public static void Store(Vector512<float> value, ref float destination) => value.StoreUnsafe(ref destination);
    [MethodImpl(AggressiveInlining)] public static Vector512<float> LoadRow(ReadOnlySpan<float> rows, int row) => Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(rows), (nuint)(row * Vector512<float>.Count));
    [MethodImpl(AggressiveInlining)] public static void StoreRow(Vector512<float> value, Span<float> rows, int row) => value.StoreUnsafe(ref MemoryMarshal.GetReference(rows), (nuint)(row * Vector512<float>.Count));
    [MethodImpl(AggressiveInlining)] public static Vector512<float> LoadRow(Span<float> rows, int row) => Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(rows), (nuint)(row * Vector512<float>.Count));
    [MethodImpl(AggressiveInlining)] public static Vector512<float> Broadcast(ref float values, int index) => Vector512.Create(Unsafe.Add(ref values, index));
    [MethodImpl(AggressiveInlining)] public static Vector512<float> Multiply(ref float weights, int index, Vector512<float> b) => Vector512.Create(Unsafe.Add(ref weights, index)) * b;
    [MethodImpl(AggressiveInlining)] public static void AccumulateProduct(Vector512<float> a, Vector512<float> b, ref float sums, nuint offset) => MultiplyAdd(a, b, Vector512.LoadUnsafe(ref sums, offset)).StoreUnsafe(ref sums, offset);
    [MethodImpl(AggressiveInlining)] public static void Accumulate(Vector512<float> a, ref float sums, nuint offset) => (Vector512.LoadUnsafe(ref sums, offset) + a).StoreUnsafe(ref sums, offset);
    [MethodImpl(AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
#else
    [MethodImpl(AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Kernels.FusedMultiplyAdd(a, b, c);
#endif
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector512<float> MultiplyAdd(float a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(Vector512.Create(a), b, c);
    [MethodImpl(AggressiveInlining)] public static Vector512<float> MultiplyAdd(ref float weights, int index, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref weights, index)), b, c);
#else
    [MethodImpl(AggressiveInlining)] public static Vector512<float> MultiplyAdd(float a, Vector512<float> b, Vector512<float> c) => Kernels.FusedMultiplyAdd(Vector512.Create(a), b, c);
    [MethodImpl(AggressiveInlining)] public static Vector512<float> MultiplyAdd(ref float weights, int index, Vector512<float> b, Vector512<float> c) => Kernels.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref weights, index)), b, c);
#endif
    [MethodImpl(AggressiveInlining)] public static float Sum(Vector512<float> value) => Vector512.Sum(value);
    [MethodImpl(AggressiveInlining)] public static Vector512<float> Floor(Vector512<float> value) => Vector512.Floor(value);
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector512<float> MaxNative(Vector512<float> a, Vector512<float> b) => Vector512.MaxNative(a, b);
#else
    [MethodImpl(AggressiveInlining)] public static Vector512<float> MaxNative(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
#endif
    [MethodImpl(AggressiveInlining)] public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
    [MethodImpl(AggressiveInlining)] public static Vector512<float> GreaterThan(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(AggressiveInlining)] public static Vector512<float> IsNaN(Vector512<float> value) => ~Vector512.Equals(value, value);
    [MethodImpl(AggressiveInlining)] public static Vector512<float> ConditionalSelect(Vector512<float> mask, Vector512<float> whereSet, Vector512<float> whereClear) => Vector512.ConditionalSelect(mask, whereSet, whereClear);
    [MethodImpl(AggressiveInlining)] public static Vector512<float> BitwiseAnd(Vector512<float> a, Vector512<float> b) => a & b;
    [MethodImpl(AggressiveInlining)] public static Vector512<float> BitwiseOr(Vector512<float> a, Vector512<float> b) => a | b;
    [MethodImpl(AggressiveInlining)] public static Vector512<float> AndNot(Vector512<float> a, Vector512<float> b) => Vector512.AndNot(a, b);
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector512<float> ConvertToInt32Bits(Vector512<float> value) => Vector512.ConvertToInt32Native(value).AsSingle();
#else
    [MethodImpl(AggressiveInlining)] public static Vector512<float> ConvertToInt32Bits(Vector512<float> value) => Vector512.ConvertToInt32(value).AsSingle();
#endif
    [MethodImpl(AggressiveInlining)] public static Vector512<float> AddToBits(Vector512<float> value, int addend) => (value.AsInt32() + Vector512.Create(addend)).AsSingle();
    [MethodImpl(AggressiveInlining)] public static Vector512<float> ShiftLeftBits(Vector512<float> value, int count) => Vector512.ShiftLeft(value.AsInt32(), count).AsSingle();
}

/// <summary>Eight lanes: <see cref="Vector256{T}"/>. For generated code only, as <see cref="ILanes{TVector}"/> is.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Lanes8 : ILanes<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;
    [MethodImpl(AggressiveInlining)] public static Vector256<float> Broadcast(float value) => Vector256.Create(value);
    [MethodImpl(AggressiveInlining)] public static Vector256<float> Load(ref float source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);
    [MethodImpl(AggressiveInlining)] public static void Store(Vector256<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    [MethodImpl(AggressiveInlining)] public static Vector256<float> Load(in float source) => Vector256.LoadUnsafe(in source);
    [MethodImpl(AggressiveInlining)] public static void Store(Vector256<float> value, ref float destination) => value.StoreUnsafe(ref destination);
    [MethodImpl(AggressiveInlining)] public static Vector256<float> LoadRow(ReadOnlySpan<float> rows, int row) => Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(rows), (nuint)(row * Vector256<float>.Count));
    [MethodImpl(AggressiveInlining)] public static void StoreRow(Vector256<float> value, Span<float> rows, int row) => value.StoreUnsafe(ref MemoryMarshal.GetReference(rows), (nuint)(row * Vector256<float>.Count));
    [MethodImpl(AggressiveInlining)] public static Vector256<float> LoadRow(Span<float> rows, int row) => Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(rows), (nuint)(row * Vector256<float>.Count));
    [MethodImpl(AggressiveInlining)] public static Vector256<float> Broadcast(ref float values, int index) => Vector256.Create(BlockWeight.Read(ref values, index));
    [MethodImpl(AggressiveInlining)] public static Vector256<float> Multiply(ref float weights, int index, Vector256<float> b) => Vector256.Create(BlockWeight.Read(ref weights, index)) * b;
    [MethodImpl(AggressiveInlining)] public static void AccumulateProduct(Vector256<float> a, Vector256<float> b, ref float sums, nuint offset) => MultiplyAdd(a, b, Vector256.LoadUnsafe(ref sums, offset)).StoreUnsafe(ref sums, offset);
    [MethodImpl(AggressiveInlining)] public static void Accumulate(Vector256<float> a, ref float sums, nuint offset) => (Vector256.LoadUnsafe(ref sums, offset) + a).StoreUnsafe(ref sums, offset);
    [MethodImpl(AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
#else
    [MethodImpl(AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Kernels.FusedMultiplyAdd(a, b, c);
#endif
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector256<float> MultiplyAdd(float a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(Vector256.Create(a), b, c);
    [MethodImpl(AggressiveInlining)] public static Vector256<float> MultiplyAdd(ref float weights, int index, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(Vector256.Create(BlockWeight.Read(ref weights, index)), b, c);
#else
    [MethodImpl(AggressiveInlining)] public static Vector256<float> MultiplyAdd(float a, Vector256<float> b, Vector256<float> c) => Kernels.FusedMultiplyAdd(Vector256.Create(a), b, c);
    [MethodImpl(AggressiveInlining)] public static Vector256<float> MultiplyAdd(ref float weights, int index, Vector256<float> b, Vector256<float> c) => Kernels.FusedMultiplyAdd(Vector256.Create(BlockWeight.Read(ref weights, index)), b, c);
#endif
    [MethodImpl(AggressiveInlining)] public static float Sum(Vector256<float> value) => Vector256.Sum(value);
    [MethodImpl(AggressiveInlining)] public static Vector256<float> Floor(Vector256<float> value) => Vector256.Floor(value);
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector256<float> MaxNative(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);
#else
    [MethodImpl(AggressiveInlining)] public static Vector256<float> MaxNative(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
#endif
    [MethodImpl(AggressiveInlining)] public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
    [MethodImpl(AggressiveInlining)] public static Vector256<float> GreaterThan(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(AggressiveInlining)] public static Vector256<float> IsNaN(Vector256<float> value) => ~Vector256.Equals(value, value);
    [MethodImpl(AggressiveInlining)] public static Vector256<float> ConditionalSelect(Vector256<float> mask, Vector256<float> whereSet, Vector256<float> whereClear) => Vector256.ConditionalSelect(mask, whereSet, whereClear);
    [MethodImpl(AggressiveInlining)] public static Vector256<float> BitwiseAnd(Vector256<float> a, Vector256<float> b) => a & b;
    [MethodImpl(AggressiveInlining)] public static Vector256<float> BitwiseOr(Vector256<float> a, Vector256<float> b) => a | b;
    [MethodImpl(AggressiveInlining)] public static Vector256<float> AndNot(Vector256<float> a, Vector256<float> b) => Vector256.AndNot(a, b);
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector256<float> ConvertToInt32Bits(Vector256<float> value) => Vector256.ConvertToInt32Native(value).AsSingle();
#else
    [MethodImpl(AggressiveInlining)] public static Vector256<float> ConvertToInt32Bits(Vector256<float> value) => Vector256.ConvertToInt32(value).AsSingle();
#endif
    [MethodImpl(AggressiveInlining)] public static Vector256<float> AddToBits(Vector256<float> value, int addend) => (value.AsInt32() + Vector256.Create(addend)).AsSingle();
    [MethodImpl(AggressiveInlining)] public static Vector256<float> ShiftLeftBits(Vector256<float> value, int count) => Vector256.ShiftLeft(value.AsInt32(), count).AsSingle();
}

/// <summary>Four lanes: <see cref="Vector128{T}"/>. For generated code only, as <see cref="ILanes{TVector}"/> is.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Lanes4 : ILanes<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;
    [MethodImpl(AggressiveInlining)] public static Vector128<float> Broadcast(float value) => Vector128.Create(value);
    [MethodImpl(AggressiveInlining)] public static Vector128<float> Load(ref float source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);
    [MethodImpl(AggressiveInlining)] public static void Store(Vector128<float> value, ref float destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    [MethodImpl(AggressiveInlining)] public static Vector128<float> Load(in float source) => Vector128.LoadUnsafe(in source);
    [MethodImpl(AggressiveInlining)] public static void Store(Vector128<float> value, ref float destination) => value.StoreUnsafe(ref destination);
    [MethodImpl(AggressiveInlining)] public static Vector128<float> LoadRow(ReadOnlySpan<float> rows, int row) => Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(rows), (nuint)(row * Vector128<float>.Count));
    [MethodImpl(AggressiveInlining)] public static void StoreRow(Vector128<float> value, Span<float> rows, int row) => value.StoreUnsafe(ref MemoryMarshal.GetReference(rows), (nuint)(row * Vector128<float>.Count));
    [MethodImpl(AggressiveInlining)] public static Vector128<float> LoadRow(Span<float> rows, int row) => Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(rows), (nuint)(row * Vector128<float>.Count));
    [MethodImpl(AggressiveInlining)] public static Vector128<float> Broadcast(ref float values, int index) => Vector128.Create(BlockWeight.Read(ref values, index));
    [MethodImpl(AggressiveInlining)] public static Vector128<float> Multiply(ref float weights, int index, Vector128<float> b) => Vector128.Create(BlockWeight.Read(ref weights, index)) * b;
    [MethodImpl(AggressiveInlining)] public static void AccumulateProduct(Vector128<float> a, Vector128<float> b, ref float sums, nuint offset) => MultiplyAdd(a, b, Vector128.LoadUnsafe(ref sums, offset)).StoreUnsafe(ref sums, offset);
    [MethodImpl(AggressiveInlining)] public static void Accumulate(Vector128<float> a, ref float sums, nuint offset) => (Vector128.LoadUnsafe(ref sums, offset) + a).StoreUnsafe(ref sums, offset);
    [MethodImpl(AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(AggressiveInlining)] public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(AggressiveInlining)] public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);
#else
    [MethodImpl(AggressiveInlining)] public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Kernels.FusedMultiplyAdd(a, b, c);
#endif
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector128<float> MultiplyAdd(float a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(Vector128.Create(a), b, c);
    [MethodImpl(AggressiveInlining)] public static Vector128<float> MultiplyAdd(ref float weights, int index, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(Vector128.Create(BlockWeight.Read(ref weights, index)), b, c);
#else
    [MethodImpl(AggressiveInlining)] public static Vector128<float> MultiplyAdd(float a, Vector128<float> b, Vector128<float> c) => Kernels.FusedMultiplyAdd(Vector128.Create(a), b, c);
    [MethodImpl(AggressiveInlining)] public static Vector128<float> MultiplyAdd(ref float weights, int index, Vector128<float> b, Vector128<float> c) => Kernels.FusedMultiplyAdd(Vector128.Create(BlockWeight.Read(ref weights, index)), b, c);
#endif
    [MethodImpl(AggressiveInlining)] public static float Sum(Vector128<float> value) => Vector128.Sum(value);
    [MethodImpl(AggressiveInlining)] public static Vector128<float> Floor(Vector128<float> value) => Vector128.Floor(value);
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector128<float> MaxNative(Vector128<float> a, Vector128<float> b) => Vector128.MaxNative(a, b);
#else
    [MethodImpl(AggressiveInlining)] public static Vector128<float> MaxNative(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
#endif
    [MethodImpl(AggressiveInlining)] public static Vector128<float> LessThan(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);
    [MethodImpl(AggressiveInlining)] public static Vector128<float> GreaterThan(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThan(a, b);
    [MethodImpl(AggressiveInlining)] public static Vector128<float> IsNaN(Vector128<float> value) => ~Vector128.Equals(value, value);
    [MethodImpl(AggressiveInlining)] public static Vector128<float> ConditionalSelect(Vector128<float> mask, Vector128<float> whereSet, Vector128<float> whereClear) => Vector128.ConditionalSelect(mask, whereSet, whereClear);
    [MethodImpl(AggressiveInlining)] public static Vector128<float> BitwiseAnd(Vector128<float> a, Vector128<float> b) => a & b;
    [MethodImpl(AggressiveInlining)] public static Vector128<float> BitwiseOr(Vector128<float> a, Vector128<float> b) => a | b;
    [MethodImpl(AggressiveInlining)] public static Vector128<float> AndNot(Vector128<float> a, Vector128<float> b) => Vector128.AndNot(a, b);
#if NET9_0_OR_GREATER
    [MethodImpl(AggressiveInlining)] public static Vector128<float> ConvertToInt32Bits(Vector128<float> value) => Vector128.ConvertToInt32Native(value).AsSingle();
#else
    [MethodImpl(AggressiveInlining)] public static Vector128<float> ConvertToInt32Bits(Vector128<float> value) => Vector128.ConvertToInt32(value).AsSingle();
#endif
    [MethodImpl(AggressiveInlining)] public static Vector128<float> AddToBits(Vector128<float> value, int addend) => (value.AsInt32() + Vector128.Create(addend)).AsSingle();
    [MethodImpl(AggressiveInlining)] public static Vector128<float> ShiftLeftBits(Vector128<float> value, int count) => Vector128.ShiftLeft(value.AsInt32(), count).AsSingle();
}
#pragma warning restore CS1591

/// <summary>How a block's straight-line code reads a weight in 8- and 4-lane blocks (<see cref="ILanes{TVector}.MultiplyAdd(ref float, int, TVector, TVector)"/>).</summary>
internal static class BlockWeight
{
    /// <summary>
    /// <c>weights[index]</c>, as a load the JIT keeps in its statement on x86. A plain load can neither
    /// throw nor be changed by the block, so the JIT folds a unit's whole chain of multiply-adds into one
    /// expression and loads every weight of it first: with AVX2's 16 registers 16-32-16-1's block spilled
    /// three times as much (966 against 311 stack accesses) and ran 1.5× slower. A volatile load stays in
    /// order, as the span's checked indexer kept it, and on x86 it is a plain load. Sixteen-lane blocks
    /// (AVX-512, 32 registers, the weight a broadcast operand of the multiply-add) read plainly: there
    /// the order cost 64-128-64-10 27 % and saved nothing. On Arm a volatile load is an acquiring one, so
    /// it stays plain there.
    /// </summary>
    [MethodImpl(AggressiveInlining)]
    public static float Read(ref float weights, int index) =>
        X86Base.IsSupported ? Volatile.Read(ref Unsafe.Add(ref weights, index)) : Unsafe.Add(ref weights, index);
}
