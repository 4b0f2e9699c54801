namespace GenNet.Tests.Generated;

/// <summary>The members the generator refuses to overwrite are the ones the runtime's interfaces promise.</summary>
public class GeneratedMemberContractTests
{
    [Fact]
    public void The_generated_member_names_are_the_contract_s()
    {
        // Every INetwork member (its own and IPredictor's) is a name the parser must refuse to overwrite.
        foreach (var member in typeof(INetwork).GetMembers().Concat(typeof(IPredictor).GetMembers()))
            GenNet.Generators.Emit.GeneratedMembers.Trainable.ShouldContain(member.Name.Replace("get_", ""));
    }

    [Fact]
    public void The_baked_member_names_are_the_predictor_contract_s()
    {
        foreach (var member in typeof(IPredictor).GetMembers())
            GenNet.Generators.Emit.GeneratedMembers.Baked.ShouldContain(member.Name.Replace("get_", ""));
    }
}
