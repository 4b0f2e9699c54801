using GenNet.Generators.Model;
using GenNet.Generators.Weights;
using Microsoft.CodeAnalysis.Text;

namespace GenNet.Tests.Generator;

/// <summary>
/// The generator counts a declaration's or a weight file's parameters exactly, however large: a count
/// past <c>long.MaxValue</c> (three layers of <c>int.MaxValue</c> units) once wrapped to a negative number,
/// passed the size check, and made emission throw (CS8785, which drops every network of the project).
/// </summary>
public class ParameterCountTests
{
    /// <summary>2 inputs and three layers of M = 2³¹ − 1 units: 3M + 2·(M² + M), worked by hand.</summary>
    private const string PastLongMaxValue = "9223372039002259453";

    [Fact]
    public void A_count_past_long_MaxValue_is_exact()
    {
        var count = NetworkModel.CountParameters(2, [int.MaxValue, int.MaxValue, int.MaxValue]);

        count.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(PastLongMaxValue);
        (count > long.MaxValue).ShouldBeTrue();
    }

    [Fact]
    public void A_weight_file_of_such_layers_is_refused_with_its_real_count()
    {
        const string text = """
            { "format": "GenNet.Weights", "version": 1, "inputs": 2,
              "layers": [ { "units": 2147483647, "activation": "Linear" }, { "units": 2147483647, "activation": "Linear" },
                          { "units": 2147483647, "activation": "Linear" } ],
              "parameters": [ 1, 2 ] }
            """;
        var file = WeightFileReader.Read("/p/huge.weights.json", SourceText.From(text));

        file.Status.ShouldBe(WeightFileStatus.Unreadable);
        file.Problem.ShouldContain($"its network has {PastLongMaxValue} parameters, but it holds 2");
    }
}
