using GenNet.Generators.Model;
using ModelActivation = GenNet.Generators.Model.Activation;
using ModelInit = GenNet.Generators.Model.Init;
using ModelLoss = GenNet.Generators.Model.Loss;

namespace GenNet.Tests.Generator;

/// <summary>
/// Which layers become straight-line code: the unroll limit bounds the total weights of the
/// unrolled layers (they share one forward and one backward method), filled smallest layer first.
/// </summary>
public class UnrollChoiceTests
{
    [Theory]
    [InlineData(new long[] { 8, 4 }, 1024, new[] { true, true })]                 // XOR-sized: everything
    [InlineData(new long[] { 512, 512, 16 }, 1024, new[] { true, false, true })]  // 1,040 in all: one 512 must go
    [InlineData(new long[] { 1024, 32 }, 1024, new[] { false, true })]            // the small layer first
    [InlineData(new long[] { 100, 2000, 50 }, 1024, new[] { true, false, true })] // a large layer between small ones
    [InlineData(new long[] { 600, 600 }, 1024, new[] { true, false })]            // equal sizes: the earlier layer
    [InlineData(new long[] { 6, 10, 5 }, 11, new[] { true, false, true })]        // exactly at the limit
    [InlineData(new long[] { 6, 10, 5 }, 10, new[] { false, false, true })]
    [InlineData(new long[] { 6, 10, 5 }, 0, new[] { false, false, false })]       // 0: every layer a loop
    public void The_smallest_layers_are_unrolled_while_their_total_stays_within_the_limit(long[] weights, int limit, bool[] expected) =>
        NetworkModel.ChooseUnrolled(weights, limit).ShouldBe(expected);

    [Fact]
    public void The_largest_limit_unrolls_everything_without_overflowing() =>
        NetworkModel.ChooseUnrolled([100_352, 1_280, int.MaxValue - 1], int.MaxValue).ShouldBe([true, true, false]);

    [Theory]
    [InlineData(32, 16, 512)]
    [InlineData(4, 2, 8)]
    [InlineData(1, 600, 2400)]   // one unit still takes a vector per input
    [InlineData(5, 3, 24)]
    public void Units_count_in_whole_vectors_of_four(int units, int inputs, long expected) =>
        NetworkModel.EmittedWeights(units, inputs).ShouldBe(expected);

    [Fact]
    public void A_single_unit_with_many_inputs_counts_as_the_code_it_takes()
    {
        var model = NetworkModel.Create(DeclaredType.TopLevel("Scorer"), 600,
            [(1, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);

        model.Layers[0].Unrolled.ShouldBeFalse("600 weights, but 2,400 as emitted");
    }

    public static TheoryData<string, int, int, int[], bool[]> Networks => new()
    {
        // The tests' networks whose emission strategy matters (Generated/Networks.cs, and the mixed snapshot).
        { "WideNet", NetworkAttribute.DefaultUnrollLimit, 16, [32, 32, 4], [true, false, true] },
        { "WideRegressionNet", NetworkAttribute.DefaultUnrollLimit, 32, [32, 1], [false, true] },
        { "MixedStrategyNet", 64, 4, [6, 8, 2], [true, false, true] },
        { "MixedStrategyNet (snapshot)", 24, 1, [5, 4, 1], [true, false, true] },
        { "AllLoopsNet", 0, 3, [5, 4, 2], [false, false, false] },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void The_test_networks_are_emitted_as_they_say(string name, int limit, int inputs, int[] units, bool[] unrolled)
    {
        var model = NetworkModel.Create(DeclaredType.TopLevel(name), inputs,
            [.. units.Select(n => (n, ModelActivation.Tanh))], ModelLoss.HalfSquaredError, ModelInit.Small, limit);

        model.Layers.Select(layer => layer.Unrolled).ShouldBe(unrolled);
    }

    [Fact]
    public void No_unroll_limit_unrolls_more_than_the_cap()
    {
        // 4,096 + 256 emitted weights: int.MaxValue would unroll both layers; the cap leaves the wide one a loop.
        (int, ModelActivation)[] layers = [(64, ModelActivation.Tanh), (1, ModelActivation.Sigmoid)];
        var model = NetworkModel.Create(DeclaredType.TopLevel("Net"), 64, layers, ModelLoss.Auto, ModelInit.Small, int.MaxValue);

        model.Layers.Select(layer => layer.Unrolled).ShouldBe([false, true]);
        model.UnrollLimit.ShouldBe(NetworkModel.MaxUnrollLimit);
        NetworkModel.CapChangesUnrolling(64, layers, int.MaxValue).ShouldBeTrue();
        // On a network the cap does not touch, int.MaxValue still means "unroll every layer", with no warning.
        NetworkModel.CapChangesUnrolling(2, [(4, ModelActivation.Tanh), (1, ModelActivation.Sigmoid)], int.MaxValue).ShouldBeFalse();
    }

    [Fact]
    public void Training_blocks_write_out_the_smallest_unrolled_layers_within_their_own_limit()
    {
        // BlockKernelNet (Generated/Networks.cs): all unrolled, but its 576-weight first layer would take a
        // training block past 512 written-out weights, so only layers 2 and 3 (192 + 8) are written out there.
        var model = NetworkModel.Create(DeclaredType.TopLevel("BlockKernelNet"), 24,
            [(24, ModelActivation.Tanh), (8, ModelActivation.ReLU), (1, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);

        model.Layers.Select(layer => layer.Unrolled).ShouldBe([true, true, true]);
        model.Layers.Select(layer => model.StraightInTrainingBlock(layer.Index)).ShouldBe([false, true, true]);
        model.LaneSummedParameters.ShouldBe(192 + 8 + 8 + 1);
    }

    [Fact]
    public void The_lane_sums_of_a_training_block_always_fit_the_stack()
    {
        // The emitter stackallocs them unconditionally; the bound holds because a written-out layer has no
        // more biases than weights. Layers of many units and one input each come closest.
        foreach (int inputs in new[] { 1, 2, 3, 8 })
            foreach (int first in new[] { 1, 100, 256, 511, 512, 513, 1000 })
                foreach (int second in new[] { 1, 2, 256, 512 })
                {
                    var model = NetworkModel.Create(DeclaredType.TopLevel("Net"), inputs,
                        [(first, ModelActivation.Tanh), (second, ModelActivation.Tanh), (1, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, NetworkModel.MaxUnrollLimit);
                    (model.LaneSummedParameters * NetworkModel.TrainingBatchLanes).ShouldBeLessThanOrEqualTo(NetworkModel.StackGradientLimit, $"{inputs}-{first}-{second}-1");
                }
    }

    [Fact]
    public void Training_sums_the_loss_after_the_gradients_where_the_gradient_sums_fit_registers()
    {
        // 2-4-1: dW[1] as two input columns of four units, db[1], dW[2] as one row of four inputs, db[2] (the
        // five Vector128 locals the Xor snapshot's Backpropagate declares); 8-16-1: 36 + 5.
        var xor = NetworkModel.Create(DeclaredType.TopLevel("Net"), 2, [(4, ModelActivation.Tanh), (1, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);
        xor.Layers.Select(layer => layer.GradientSumVectors).ShouldBe([3, 2]);
        xor.DefersLoss.ShouldBeTrue();
        var wider = NetworkModel.Create(DeclaredType.TopLevel("Net"), 8, [(16, ModelActivation.Tanh), (1, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);
        wider.Layers.Select(layer => layer.GradientSumVectors).ShouldBe([36, 5]);
        wider.DefersLoss.ShouldBeFalse();
        // Loop layers sum into memory through the kernels: nothing of theirs is in registers.
        var looped = NetworkModel.Create(DeclaredType.TopLevel("Net"), 8, [(16, ModelActivation.Tanh), (1, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, unrollLimit: 0);
        looped.DefersLoss.ShouldBeTrue();
        // The kept outputs are a value on the stack: one example's must fit it (a declaration may have millions).
        foreach (int outputs in new[] { NetworkModel.StackCacheLimit, NetworkModel.StackCacheLimit + 1, 8_000_000 })
        {
            var wide = NetworkModel.Create(DeclaredType.TopLevel("Net"), 1, [(outputs, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);
            wide.DefersLoss.ShouldBe(outputs <= NetworkModel.StackCacheLimit, $"{outputs} outputs");
        }
    }

    [Theory]
    [InlineData(1, 8, true)]
    [InlineData(10, 8, true)]
    [InlineData(512, 8, true)]
    [InlineData(585, 7, true)]   // 4,096 / 585 = 7: still every example a block leaves over
    [InlineData(586, 6, false)]
    [InlineData(700, 5, false)]  // ManyOutputsNet
    [InlineData(5000, 1, false)] // more than the stack limit: one example at a time, never none
    public void Training_keeps_a_block_s_outputs_for_the_loss_while_they_fit_the_stack(int outputs, int examples, bool holdsEveryLeftover)
    {
        var model = NetworkModel.Create(DeclaredType.TopLevel("Net"), 3, [(outputs, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);
        model.PendingLossExamples.ShouldBe(examples);
        model.PendingLossHoldsEveryLeftover.ShouldBe(holdsEveryLeftover);
        (model.PendingLossExamples * outputs).ShouldBeLessThanOrEqualTo(Math.Max(outputs, NetworkModel.StackCacheLimit));
    }

    [Fact]
    public void Blocks_apply_an_exponential_activation_over_rows_from_eight_units_on_or_four_below_sixteen_lanes()
    {
        // 8-16-1 (tanh, then σ): inline, tanh's constants crowded out 16 units' temporaries (200 spill slots).
        var model = NetworkModel.Create(DeclaredType.TopLevel("Net"), 8,
            [(16, ModelActivation.Tanh), (1, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);
        foreach (int lanes in new[] { 16, 8, 4 })
            foreach (bool training in new[] { false, true })
                model.Layers.Select(layer => model.ActivatesOverRows(layer.Index, lanes, training)).ShouldBe([true, false], $"{lanes} lanes, training: {training}");
        model.BatchRows().Select(rows => (rows.Quantity, rows.Layer, rows.Length)).ShouldContain(("a", 1, 16));
        model.BatchActivation(1, training: false).ShouldBe(BlockActivation.OverRows);
        model.TrainingBatchRows().Select(rows => (rows.Quantity, rows.Layer, rows.Length)).ShouldContain(("a", 1, 16));

        // 2-4-1 keeps g inline in a 16-lane block (32 registers) but not in narrower ones (maybe 16) or in training.
        var xor = NetworkModel.Create(DeclaredType.TopLevel("Net"), 2, [(4, ModelActivation.Tanh), (1, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);
        xor.ActivatesOverRows(1, 16, training: false).ShouldBeFalse();
        xor.ActivatesOverRows(1, 8, training: false).ShouldBeTrue();
        xor.ActivatesOverRows(1, 4, training: false).ShouldBeTrue();
        xor.ActivatesOverRows(1, NetworkModel.TrainingBatchLanes, training: true).ShouldBeTrue();
        xor.BatchActivation(1, training: false).ShouldBe(BlockActivation.ByWidth, "the one text tests the width");
        xor.BatchActivation(1, training: true).ShouldBe(BlockActivation.OverRows);
        xor.BatchActivation(2, training: false).ShouldBe(BlockActivation.Inline, "σ of the output goes after the blocks");
        xor.BatchRows().Select(rows => (rows.Quantity, rows.Layer, rows.Length)).ShouldContain(("a", 1, 4));
        xor.BatchRowsPerLane.ShouldBe(2 + 4, "the rows hold what the narrower blocks need");

        // A rectifier keeps g inline however wide; eight σ outputs do not: a training block activates them over
        // rows, PredictBatch after its last block (ActivatesOutputsAfterBlocks), so not in the block at all.
        var rectified = NetworkModel.Create(DeclaredType.TopLevel("Net"), 8, [(16, ModelActivation.ReLU), (8, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);
        rectified.Layers.Select(layer => rectified.ActivatesOverRows(layer.Index, NetworkModel.TrainingBatchLanes, training: true)).ShouldBe([false, true]);
        rectified.Layers.Select(layer => rectified.ActivatesOverRows(layer.Index, 16, training: false)).ShouldBe([false, false]);
        rectified.ActivatesOutputsAfterBlocks.ShouldBeTrue();

        // A layer a training block runs through the kernels (BlockKernelNet's first: 576 weights) is activated there.
        var blockKernel = NetworkModel.Create(DeclaredType.TopLevel("BlockKernelNet"), 24,
            [(24, ModelActivation.Tanh), (8, ModelActivation.ReLU), (1, ModelActivation.Sigmoid)], ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);
        blockKernel.ActivatesOverRows(1, 16, training: false).ShouldBeTrue();
        blockKernel.ActivatesOverRows(1, NetworkModel.TrainingBatchLanes, training: true).ShouldBeFalse();
    }

    [Fact]
    public void PredictBatch_de_interleaves_the_next_block_in_layer_1_where_it_is_a_loop_with_a_group_of_eight_units_per_example_of_16()
    {
        NetworkModel Net(int inputs, params (int Units, ModelActivation Activation)[] layers) =>
            NetworkModel.Create(DeclaredType.TopLevel("Net"), inputs, layers, ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);

        // 784-128-10: sixteen groups of eight units, one per example of a 16-lane block; narrower blocks
        // de-interleave first (their load ports are busy without the copy).
        var mnist = Net(784, (128, ModelActivation.ReLU), (10, ModelActivation.Sigmoid));
        NetworkModel.BatchLanes.Select(lanes => mnist.DeinterleavesInFirstLayer(lanes, training: false)).ShouldBe([true, false, false]);
        mnist.DeinterleavesInFirstLayer(16, training: true).ShouldBeFalse("training blocks de-interleave first");
        mnist.BatchRows().Select(rows => (rows.Quantity, rows.Layer, rows.Length)).Take(2).ShouldBe([("a", 0, 784), ("nextA", 0, 784)]);
        // 127 units make fifteen groups: one example would be copied in the open.
        Net(784, (127, ModelActivation.ReLU), (10, ModelActivation.Sigmoid)).DeinterleavesInFirstLayer(16, training: false).ShouldBeFalse();
        // One input is a row of the batch already; an unrolled layer 1 has no kernel to copy in.
        Net(1, (2048, ModelActivation.ReLU), (1, ModelActivation.Sigmoid)).DeinterleavesInFirstLayer(16, training: false).ShouldBeFalse();
        var unrolled = Net(2, (128, ModelActivation.Tanh), (1, ModelActivation.Sigmoid));
        unrolled.Layers[0].Unrolled.ShouldBeTrue();
        unrolled.DeinterleavesInFirstLayer(16, training: false).ShouldBeFalse();
    }

    [Fact]
    public void TrainStep_steps_from_registers_where_every_layer_is_unrolled_and_the_gradient_sums_stay_in_registers()
    {
        NetworkModel Net(int inputs, int unrollLimit, params (int Units, ModelActivation Activation)[] layers) =>
            NetworkModel.Create(DeclaredType.TopLevel("Net"), inputs, layers, ModelLoss.Auto, ModelInit.Small, unrollLimit);

        // 2-4-1: five vectors of sums, all layers unrolled.
        var xor = Net(2, NetworkAttribute.DefaultUnrollLimit, (4, ModelActivation.Tanh), (1, ModelActivation.Sigmoid));
        (xor.DefersLoss, xor.StepsFromRegisters).ShouldBe((true, true));
        // 8-16-1: 41 vectors of sums, which live on the stack: the sum in memory and Kernels.GradientStep.
        Net(8, NetworkAttribute.DefaultUnrollLimit, (16, ModelActivation.Tanh), (1, ModelActivation.Sigmoid)).StepsFromRegisters.ShouldBeFalse();
        // A loop layer adds its gradients straight into the sum in memory, however few the unrolled layers' sums.
        var mixed = Net(2, 8, (4, ModelActivation.Tanh), (3, ModelActivation.ReLU), (1, ModelActivation.Sigmoid));
        mixed.Layers.Select(layer => layer.Unrolled).ShouldContain(false);
        mixed.StepsFromRegisters.ShouldBeFalse();
    }

    [Fact]
    public void A_layer_of_two_inputs_summed_by_columns_stores_its_gradient_sums_interleaved()
    {
        NetworkModel Net(int inputs, params (int Units, ModelActivation Activation)[] layers) =>
            NetworkModel.Create(DeclaredType.TopLevel("Net"), inputs, layers, ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);

        // 2-4-1: two column vectors of four units beat four row vectors; the output layer has four inputs (rows).
        var xor = Net(2, (4, ModelActivation.Tanh), (1, ModelActivation.Sigmoid));
        xor.Layers.Select(layer => (layer.SumsRows, layer.InterleavesGradientColumns)).ShouldBe([(false, true), (true, false)]);
        // Three inputs summed by columns: their weights are not pairs.
        Net(3, (8, ModelActivation.Tanh), (1, ModelActivation.Linear)).Layers[0].InterleavesGradientColumns.ShouldBeFalse();
        // Two inputs and one unit: a row is the cheaper sum.
        Net(2, (1, ModelActivation.Sigmoid)).Layers[0].InterleavesGradientColumns.ShouldBeFalse();
    }

    [Fact]
    public void PredictBatch_activates_outputs_after_its_blocks_where_the_output_layer_is_written_out_and_g_evaluates_an_exponential()
    {
        NetworkModel Net(int inputs, params (int Units, ModelActivation Activation)[] layers) =>
            NetworkModel.Create(DeclaredType.TopLevel("Net"), inputs, layers, ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);

        Net(8, (16, ModelActivation.Tanh), (1, ModelActivation.Sigmoid)).ActivatesOutputsAfterBlocks.ShouldBeTrue("σ");
        Net(2, (4, ModelActivation.Sigmoid), (3, ModelActivation.Tanh)).ActivatesOutputsAfterBlocks.ShouldBeTrue("tanh");
        Net(2, (4, ModelActivation.Tanh), (1, ModelActivation.Linear)).ActivatesOutputsAfterBlocks.ShouldBeFalse("nothing to evaluate");
        Net(2, (4, ModelActivation.Tanh), (1, ModelActivation.ReLU)).ActivatesOutputsAfterBlocks.ShouldBeFalse("one operation, inline");
        Net(2, (4, ModelActivation.Tanh), (3, ModelActivation.Softmax)).ActivatesOutputsAfterBlocks.ShouldBeFalse("not elementwise");
        // An output layer run by the kernels (10 × 400 weights, past the unroll limit) is activated inside them.
        var loop = Net(400, (10, ModelActivation.Sigmoid));
        loop.OutputLayer.Unrolled.ShouldBeFalse();
        loop.ActivatesOutputsAfterBlocks.ShouldBeFalse();
    }

    [Fact]
    public void PredictBatch_sums_an_unrolled_layer_of_many_inputs_by_a_kernel_where_rows_surround_it()
    {
        NetworkModel Net(int inputs, params (int Units, ModelActivation Activation)[] layers) =>
            NetworkModel.Create(DeclaredType.TopLevel("Net"), inputs, layers, ModelLoss.Auto, ModelInit.Small, NetworkAttribute.DefaultUnrollLimit);
        bool[] Kernel(NetworkModel model) => [.. model.Layers.Select(layer => model.SumsByKernel(layer.Index))];

        // 64-128-64-10: the unrolled output layer reads 64 inputs from the loop layer's rows.
        var deep = Net(64, (128, ModelActivation.ReLU), (64, ModelActivation.ReLU), (10, ModelActivation.Sigmoid));
        deep.Layers.Select(layer => layer.Unrolled).ShouldBe([false, false, true]);
        Kernel(deep).ShouldBe([false, false, true]);
        // One layer: rows in (de-interleaved), rows out (the outputs); past NetworkModel.StraightBlockInputs only.
        Kernel(Net(NetworkModel.StraightBlockInputs + 1, (7, ModelActivation.Sigmoid))).ShouldBe([true]);
        Kernel(Net(NetworkModel.StraightBlockInputs, (7, ModelActivation.Sigmoid))).ShouldBe([false]);
        // 16-32-16-1: sixteen inputs, written out.
        Kernel(Net(16, (32, ModelActivation.ReLU), (16, ModelActivation.ReLU), (1, ModelActivation.Sigmoid))).ShouldAllBe(kernel => !kernel);
        // Layer 2 of 40-40-3-1 reads layer 1's vectors, and hands its own to layer 3: registers, not rows.
        var straight = Net(40, (40, ModelActivation.Tanh), (3, ModelActivation.ReLU), (1, ModelActivation.Sigmoid));
        straight.Layers.Select(layer => layer.Unrolled).ShouldBe([false, true, true]);
        Kernel(straight).ShouldBe([false, false, false]);
        // Softmax sums its units in an order of its own.
        Kernel(Net(40, (10, ModelActivation.Softmax))).ShouldBe([false]);
    }
}
