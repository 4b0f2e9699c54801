namespace GenNet;

/// <summary>What a weight file holds, once read and checked: the architecture and the parameters.</summary>
/// <param name="Spec">The network the parameters belong to.</param>
/// <param name="Parameters">Every weight and bias, in the <see cref="INetwork.Parameters"/> layout.</param>
internal sealed record WeightFile(NetworkSpec Spec, float[] Parameters)
{
    /// <summary>
    /// Checks what every reader must: as many parameters as the architecture has, all finite. A file
    /// with NaN or ∞ is refused rather than loaded: such a network answers NaN to every input, and
    /// the file is more likely damaged, or saved after training diverged, than meant.
    /// </summary>
    /// <exception cref="InvalidDataException">The count is wrong or a parameter is not finite.</exception>
    public static WeightFile Checked(NetworkSpec spec, float[] parameters)
    {
        if (parameters.Length != spec.ParameterCount)
            throw new InvalidDataException($"The file's network {spec} has {spec.ParameterCount} parameters, but the file holds {parameters.Length}.");
        int bad = IndexOfNonFinite(parameters);
        if (bad >= 0)
            throw new InvalidDataException($"Parameter {bad} in the file is {parameters[bad]}; a weight file holds finite numbers only.");
        return new WeightFile(spec, parameters);
    }

    /// <summary>The index of the first NaN or infinite value, or -1.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int k = 0; k < values.Length; k++)
            if (!float.IsFinite(values[k]))
                return k;
        return -1;
    }
}
