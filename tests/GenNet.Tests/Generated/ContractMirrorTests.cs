namespace GenNet.Tests.Generated;

/// <summary>The generator cannot reference the runtime library, so it mirrors its enums; they must stay identical.</summary>
public class ContractMirrorTests
{
    [Fact]
    public void Activation_values_match_the_runtime() =>
        Pairs<GenNet.Generators.Model.Activation>().ShouldBe(Pairs<Activation>());

    [Fact]
    public void Loss_values_match_the_runtime() =>
        Pairs<GenNet.Generators.Model.Loss>().ShouldBe(Pairs<Loss>());

    [Fact]
    public void Init_values_match_the_runtime() =>
        Pairs<GenNet.Generators.Model.Init>().ShouldBe(Pairs<Init>());

    [Fact]
    public void The_default_unroll_limit_matches_the_runtime() =>
        GenNet.Generators.Model.NetworkModel.DefaultUnrollLimit.ShouldBe(NetworkAttribute.DefaultUnrollLimit);

    [Fact]
    public void The_generated_member_names_are_the_contract_s()
    {
        // Every INetwork member (its own and IPredictor's) is a name the parser must refuse to overwrite.
        foreach (var member in typeof(INetwork).GetMembers().Concat(typeof(IPredictor).GetMembers()))
            GenNet.Generators.NetworkParser.GeneratedMemberNames.ShouldContain(member.Name.Replace("get_", ""));
    }

    [Fact]
    public void The_baked_member_names_are_the_predictor_contract_s()
    {
        foreach (var member in typeof(IPredictor).GetMembers())
            GenNet.Generators.NetworkParser.BakedMemberNames.ShouldContain(member.Name.Replace("get_", ""));
    }

    private static string[] Pairs<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(value => $"{value}={Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)}").ToArray();
}
