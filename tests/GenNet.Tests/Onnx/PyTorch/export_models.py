"""Writes the ONNX files that OnnxPyTorchTests imports: small MLPs exported by PyTorch's own
exporter (torch.onnx.export), with PyTorch's outputs for fixed inputs as the expected answers.

Besides bare chains of Linear and activations, the models are written as PyTorch users commonly write
them: scaling inside forward, BatchNorm1d on the inputs and between layers (trained statistics, one
feature of nearly no variance, and a fresh one, whose equal parameters PyTorch writes as Identity
nodes), Dropout, LeakyReLU, Softmax and LogSoftmax outputs; each exported with a dynamic batch and with
the fixed batch of its example inputs. Two files GenNet refuses: a Dropout left in training mode, and a
reshape computed from the input's Shape.

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


class ScaledClassifier(nn.Module):
    """(x - mean) / std in forward: mean a buffer (an initializer), std a tensor made in forward (a Constant node)."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", mean)
        self.std = std
        self.layers = nn.Sequential(nn.Linear(13, 12), nn.Tanh(), nn.Linear(12, 3), nn.Softmax(dim=1))

    def forward(self, x):
        x = (x - self.mean) / torch.tensor(self.std.tolist())
        return self.layers(x.view(-1, 13))


class ScaledRegression(nn.Module):
    """x * scale + offset before the first layer, and the target's scaling undone after the last."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 6)
        self.out = nn.Linear(6, 1)

    def forward(self, x):
        x = x * torch.tensor([0.5, 2.0, 0.25, 1.0]) + torch.tensor([1.0, -0.5, 0.0, 3.0])
        y = self.out(torch.relu(self.hidden(x)))
        return y * 12.5 + 40.0


class Reshaped(nn.Module):
    """x.reshape(x.shape[0], -1): a constant shape when the batch is fixed, computed from Shape when it is not."""

    def __init__(self):
        super().__init__()
        self.layer = nn.Linear(4, 2)

    def forward(self, x):
        return torch.sigmoid(self.layer(x.reshape(x.shape[0], -1)))


def export(name, model, inputs, features, dynamic=True, training=torch.onnx.TrainingMode.EVAL):
    """Exports model as name.onnx, with a batch dimension that is dynamic or fixed to the inputs' count."""
    path = os.path.join(HERE, name + ".onnx")
    torch.onnx.export(model, torch.zeros(inputs.shape[0], features), path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}} if dynamic else None,
                      opset_version=13, training=training)
    with torch.no_grad():
        outputs = model(inputs)
    return {"file": name + ".onnx", "examples": inputs.shape[0], "features": features,
            "inputs": inputs.flatten().tolist(), "outputs": outputs.flatten().tolist(),
            "log_probabilities": isinstance(list(model.modules())[-1], nn.LogSoftmax)}


def export_both(name, model, inputs, features):
    """The model with a dynamic batch (name.onnx) and with the inputs' fixed batch (name_fixed_batch.onnx)."""
    return [export(name, model, inputs, features), export(name + "_fixed_batch", model, inputs, features, dynamic=False)]


def trained_statistics(model, inputs):
    """Runs batches through the model in training mode, so that its batch norms hold the inputs' statistics
    (averaged over the batches, rather than moved from the fresh mean 0 and variance 1 by momentum)."""
    norms = [module for module in model.modules() if isinstance(module, nn.BatchNorm1d)]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None
    model.train()
    with torch.no_grad():
        for batch in inputs.split(32):
            model(batch)
    model.eval()
    for norm in norms:
        norm.momentum = 0.1


torch.manual_seed(2026)
classifier = nn.Sequential(
    nn.Flatten(),
    nn.Linear(3, 5), nn.ReLU(),
    nn.Linear(5, 4), nn.LeakyReLU(0.01),
    nn.Linear(4, 2), nn.Sigmoid())
regression = MatMulRegression()
cases = [
    export("classifier", classifier.eval(), torch.randn(16, 3), 3),
    export("matmul_regression", regression.eval(), torch.randn(16, 2), 2),
]

# Features on the scales of sklearn's wine data (alcohol ~13, magnesium ~100, proline ~750).
wine_mean = torch.tensor([13.0, 2.3, 2.4, 19.5, 100.0, 2.3, 2.0, 0.36, 1.6, 5.1, 0.96, 2.6, 750.0])
wine_std = torch.tensor([0.8, 1.1, 0.27, 3.3, 14.0, 0.63, 1.0, 0.12, 0.57, 2.3, 0.23, 0.71, 315.0])
scaled_classifier = ScaledClassifier(wine_mean, wine_std).eval()
wine_like = wine_mean + wine_std * torch.randn(16, 13)

scaled_regression = ScaledRegression().eval()

# BatchNorm1d on raw inputs of different scales; feature 2 is nearly constant (variance near 0, so epsilon
# matters), with a mean 10 times its spread. (Far larger means cost digits: the folded layer computes
# W'·x + b' in float where the model subtracts the mean first, as the README's ONNX section says.)
raw_scale = torch.tensor([1.0, 10.0, 1e-3, 0.1, 50.0])
raw_offset = torch.tensor([0.0, -20.0, 0.01, 0.5, 300.0])
batchnorm_first = nn.Sequential(
    nn.BatchNorm1d(5),
    nn.Linear(5, 8), nn.ReLU(), nn.Dropout(0.2),
    nn.Linear(8, 3), nn.LogSoftmax(dim=1))
trained_statistics(batchnorm_first, raw_offset + raw_scale * torch.randn(256, 5))
assert batchnorm_first[0].running_var[2] < batchnorm_first[0].eps, "feature 2's variance is below epsilon, where epsilon matters"
with torch.no_grad():
    batchnorm_first[0].weight.copy_(torch.rand(5) + 0.5)
    batchnorm_first[0].bias.copy_(torch.randn(5) * 0.1)

# Linear, BatchNorm1d, LeakyReLU, Dropout; Linear, ReLU, then a fresh BatchNorm1d (weight = running_var = 1,
# bias = running_mean = 0, which PyTorch writes once, with Identity nodes for the copies) before the output layer.
batchnorm_between = nn.Sequential(
    nn.Linear(4, 6), nn.BatchNorm1d(6), nn.LeakyReLU(0.01), nn.Dropout(0.5),
    nn.Linear(6, 5), nn.ReLU(), nn.BatchNorm1d(5),
    nn.Linear(5, 2), nn.Softmax(dim=1))
trained_statistics(batchnorm_between[:2], torch.randn(256, 4) * 2 + 1)
batchnorm_between.eval()

cases += [
    *export_both("scaled_classifier", scaled_classifier, wine_like, 13),
    *export_both("scaled_regression", scaled_regression, torch.randn(16, 4), 4),
    *export_both("batchnorm_first", batchnorm_first, raw_offset + raw_scale * torch.randn(16, 5), 5),
    *export_both("batchnorm_between", batchnorm_between, torch.randn(16, 4) * 2 + 1, 4),
    export("reshape_fixed_batch", Reshaped().eval(), torch.randn(16, 4), 4, dynamic=False),
]

# Refused by GenNet, each for a reason its test checks: a Dropout left in training mode (in a model
# otherwise in eval mode, exported as it is), and a reshape to the batch read from the input's Shape.
dropout_training = nn.Sequential(nn.Linear(3, 4), nn.Dropout(0.5), nn.Linear(4, 2), nn.Softmax(dim=1)).eval()
dropout_training[1].train()
refused = [
    export("dropout_training", dropout_training, torch.randn(16, 3), 3, training=torch.onnx.TrainingMode.PRESERVE),
    export("reshape_dynamic", Reshaped().eval(), torch.randn(16, 4), 4),
]
with open(os.path.join(HERE, "expected.json"), "w") as file:
    json.dump({"torch": torch.__version__, "cases": cases, "refused": [case["file"] for case in refused]}, file, indent=1)
print("wrote", ", ".join(case["file"] for case in cases + refused), "and expected.json with PyTorch", torch.__version__)
