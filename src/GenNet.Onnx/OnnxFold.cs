namespace GenNet.Onnx;

/// <summary>
/// One node of an imported ONNX graph that became no layer of its own: folded into a layer's weights and
/// biases (a <c>Sub</c>, <c>Add</c>, <c>Mul</c> or <c>Div</c> by a constant, a <c>BatchNormalization</c>), or
/// dropped as the identity it is at inference (<c>Dropout</c>, <c>Identity</c>, <c>Flatten</c>, a
/// <c>Reshape</c> to [batch, n]).
/// </summary>
/// <param name="Operator">The node's operator, such as <c>BatchNormalization</c>.</param>
/// <param name="Node">The node's name in the graph.</param>
/// <param name="Layer">The layer (1 to L) whose W and b hold it now; null when it was dropped.</param>
public sealed record OnnxFold(string Operator, string Node, int? Layer);
