namespace GenNet.Generators.Model;

// The generator cannot reference the runtime library (it loads into the compiler), so it mirrors
// the runtime's enums here, value for value. A test compares the two by reflection.

/// <summary>Mirror of <c>GenNet.Activation</c>.</summary>
internal enum Activation
{
    Linear = 0,
    Sigmoid = 1,
    Tanh = 2,
    ReLU = 3,
    LeakyReLU = 4,
}

/// <summary>Mirror of <c>GenNet.Loss</c>.</summary>
internal enum Loss
{
    Auto = 0,
    BinaryCrossEntropy = 1,
    HalfSquaredError = 2,
}

/// <summary>Mirror of <c>GenNet.Init</c>.</summary>
internal enum Init
{
    Small = 0,
    Xavier = 1,
    He = 2,
    Zeros = 3,
    Auto = 4,
}
