"""Writes the ONNX files that OnnxPyTorchTests imports: small MLPs exported by PyTorch's own
exporter (torch.onnx.export), with PyTorch's outputs for fixed inputs as the expected answers.

Run with a Python that has PyTorch (made here with Debian bookworm's python3-torch 1.13.1):
    /usr/bin/python3 tests/GenNet.Tests/Onnx/PyTorch/export_models.py
"""
import json
import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


class MatMulRegression(nn.Module):
    """x @ Wᵀ + b written out, which PyTorch exports as MatMul + Add rather than Gemm."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Parameter(torch.randn(3, 2))
        self.hidden_bias = nn.Parameter(torch.randn(3))
        self.out = nn.Parameter(torch.randn(1, 3))
        self.out_bias = nn.Parameter(torch.randn(1))

    def forward(self, x):
        h = torch.tanh(torch.matmul(x, self.hidden.t()) + self.hidden_bias)
        return torch.matmul(h, self.out.t()) + self.out_bias


def export(name, model, inputs, features):
    model.eval()
    path = os.path.join(HERE, name + ".onnx")
    torch.onnx.export(model, torch.zeros(1, features), path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=13)
    with torch.no_grad():
        outputs = model(inputs)
    return {"file": name + ".onnx", "examples": inputs.shape[0], "features": features,
            "inputs": inputs.flatten().tolist(), "outputs": outputs.flatten().tolist()}


torch.manual_seed(2026)
classifier = nn.Sequential(
    nn.Flatten(),
    nn.Linear(3, 5), nn.ReLU(),
    nn.Linear(5, 4), nn.LeakyReLU(0.01),
    nn.Linear(4, 2), nn.Sigmoid())
regression = MatMulRegression()

cases = [
    export("classifier", classifier, torch.randn(16, 3), 3),
    export("matmul_regression", regression, torch.randn(16, 2), 2),
]
with open(os.path.join(HERE, "expected.json"), "w") as file:
    json.dump({"torch": torch.__version__, "cases": cases}, file, indent=1)
print("wrote", ", ".join(case["file"] for case in cases), "and expected.json with PyTorch", torch.__version__)
