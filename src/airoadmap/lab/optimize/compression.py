"""Compressing the m07-cnn net: channel pruning, batch-norm folding, ONNX export, int8.

The m07-cnn net is two blocks (3x3 convolution, 2x2 max pooling, batch norm, ReLU), adaptive
average pooling to 7x7, dropout and one linear layer. Its linear layer holds three quarters of
the weights, and each channel of the second block feeds 49 of its inputs: removing a channel
there shrinks both layers.

- `prune_channels` keeps the most important output channels of the last convolution block
  (structured pruning: the tensors get smaller, unlike zeroed weights), and the matching
  batch-norm entries and linear-layer columns.
- `fold_batchnorm` folds each block's batch norm into its convolution. Batch norm comes after
  the max pooling, and max(s * z) = s * max(z) only for s > 0: a block with a negative scale
  is left as it is.
- `export_onnx` and `quantize_int8` write the net as ONNX, then as int8 with onnxruntime's
  static quantization (per-channel weights, activation ranges calibrated on training images):
  torch's dynamic quantization covers only nn.Linear, not the convolutions.
"""

from __future__ import annotations

import copy
import logging
import tempfile
import warnings
from pathlib import Path
from typing import cast

import numpy as np
import torch
from torch import nn

INPUT_NAME, OUTPUT_NAME = "images", "logits"
ONNX_OPSET = 17
CALIBRATION_BATCH = 100


def _layout(model: nn.Module) -> tuple[nn.Sequential, nn.Sequential, nn.Linear]:
    """The two convolution blocks and the linear layer of an m07-cnn net, or a ValueError."""
    layers = list(model.children()) if isinstance(model, nn.Sequential) else []
    blocks = [m for m in layers if isinstance(m, nn.Sequential)]
    linears = [m for m in layers if isinstance(m, nn.Linear)]
    ok = len(blocks) == 2 and len(linears) == 1 and layers[-1] is linears[0]
    ok = ok and all(len(b) > 0 and isinstance(b[0], nn.Conv2d) for b in blocks)
    if not ok:
        raise ValueError(
            "expected the m07-cnn net (two convolution blocks, pooling, flatten, dropout, "
            "linear): make it with the m07-cnn solution's make_model()."
        )
    return blocks[0], blocks[1], linears[0]


def last_block_channels(model: nn.Module) -> int:
    """The output channels of the m07-cnn net's last convolution block."""
    return _conv(_layout(model)[1]).out_channels


def _conv(block: nn.Sequential) -> nn.Conv2d:
    layer = block[0]
    assert isinstance(layer, nn.Conv2d)
    return layer


def _norm(block: nn.Sequential) -> nn.BatchNorm2d | None:
    """The block's batch norm, if it has one."""
    return next((m for m in block if isinstance(m, nn.BatchNorm2d)), None)


def _bn_scale(bn: nn.BatchNorm2d) -> torch.Tensor:
    """Per channel, the factor batch norm multiplies by in eval mode: gamma / sqrt(var + eps)."""
    assert bn.running_var is not None
    gamma = bn.weight.detach() if bn.affine else torch.ones_like(bn.running_var)
    return gamma / torch.sqrt(bn.running_var + bn.eps)


def channel_importance(block: nn.Sequential) -> torch.Tensor:
    """Per output channel of a block: the L1 norm of its filter times the absolute batch-norm
    scale after it (the size of what the channel passes on)."""
    norms = _conv(block).weight.detach().abs().sum(dim=(1, 2, 3))
    bn = _norm(block)
    return norms * _bn_scale(bn).abs() if bn is not None else norms


def _conv_like(conv: nn.Conv2d, out_channels: int, bias: bool) -> nn.Conv2d:
    """A new convolution with `conv`'s input channels, kernel, stride and padding."""
    pair = tuple[int, int]
    return nn.Conv2d(
        conv.in_channels,
        out_channels,
        cast(pair, conv.kernel_size),
        cast(pair, conv.stride),
        cast(pair, conv.padding),
        bias=bias,
    )


@torch.no_grad()
def prune_channels(model: nn.Module, keep: int) -> nn.Sequential:
    """A copy of the m07-cnn `model` whose last convolution block keeps only its `keep` most
    important output channels (`channel_importance`), with the batch-norm entries and the
    linear layer's input columns of those channels. Outputs are those of a net whose other
    channels were zero; fine-tune it to win back the accuracy lost."""
    pruned = copy.deepcopy(model).eval()
    _, block, linear = _layout(pruned)
    conv = _conv(block)
    if not 1 <= keep <= conv.out_channels:
        raise ValueError(f"keep must be between 1 and {conv.out_channels}, got {keep}")
    kept = torch.sort(torch.topk(channel_importance(block), keep).indices).values
    new_conv = _conv_like(conv, keep, bias=conv.bias is not None)
    new_conv.weight.copy_(conv.weight[kept])
    if conv.bias is not None and new_conv.bias is not None:
        new_conv.bias.copy_(conv.bias[kept])
    block[0] = new_conv
    for i, layer in enumerate(block):
        if isinstance(layer, nn.BatchNorm2d):
            bn = nn.BatchNorm2d(keep, eps=layer.eps, momentum=layer.momentum, affine=layer.affine)
            bn.load_state_dict({k: v[kept] if v.ndim else v for k, v in layer.state_dict().items()})
            block[i] = bn
    per_channel = linear.in_features // conv.out_channels
    columns = linear.weight.reshape(linear.out_features, conv.out_channels, per_channel)
    new_linear = nn.Linear(keep * per_channel, linear.out_features)
    new_linear.weight.copy_(columns[:, kept].reshape(linear.out_features, -1))
    new_linear.bias.copy_(linear.bias)
    layers = list(pruned.children())
    layers[-1] = new_linear
    return nn.Sequential(*layers).eval()


@torch.no_grad()
def fold_batchnorm(model: nn.Module) -> nn.Sequential:
    """A copy of the m07-cnn `model` in eval mode where each block's batch norm is folded into
    its convolution (weights scaled per channel, a bias added): the same outputs, two layers
    fewer. A block whose batch norm has a negative scale keeps it (max pooling sits between)."""
    folded = copy.deepcopy(model).eval()
    first, second, _ = _layout(folded)
    for block in (first, second):
        conv, bn = _conv(block), _norm(block)
        if bn is None or bool((_bn_scale(bn) <= 0).any()):
            continue
        assert bn.running_mean is not None
        scale = _bn_scale(bn)
        shift = (bn.bias.detach() if bn.affine else 0.0) - scale * bn.running_mean
        new_conv = _conv_like(conv, conv.out_channels, bias=True)
        new_conv.weight.copy_(conv.weight * scale.reshape(-1, 1, 1, 1))
        old_bias = conv.bias if conv.bias is not None else torch.zeros_like(scale)
        assert new_conv.bias is not None
        new_conv.bias.copy_(scale * old_bias + shift)
        block[0] = new_conv
        del block[next(i for i, m in enumerate(block) if m is bn)]
    assert isinstance(folded, nn.Sequential)
    return folded


def minify(path: Path) -> Path:
    """Rewrite the ONNX model at `path` with short tensor names ("0", "1", ... in hex), no
    node names, no doc strings and no stored intermediate shapes: the same graph in fewer
    bytes (the quantizer's names, such as "/1/1.0/Conv_output_0_QuantizeLinear_Output",
    cost more than a small net's biases). The model's input and output keep their names."""
    import onnx

    model = onnx.load(str(path))
    graph = model.graph
    kept = {v.name for v in graph.input} | {v.name for v in graph.output}
    short: dict[str, str] = {}

    def rename(name: str) -> str:
        if not name or name in kept:
            return name
        return short.setdefault(name, format(len(short), "x"))

    for tensor in graph.initializer:
        tensor.name = rename(tensor.name)
    for node in graph.node:
        node.name = ""
        node.doc_string = ""
        node.input[:] = [rename(n) for n in node.input]
        node.output[:] = [rename(n) for n in node.output]
    del graph.value_info[:]
    model.doc_string = graph.doc_string = ""
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return path


def export_onnx(model: nn.Module, path: Path, image_shape: tuple[int, int, int]) -> Path:
    """Write `model` (eval mode) to `path` as ONNX (minified): input "images" (batch,
    *image_shape) float32 with a batch dimension of any size, output "logits"."""
    example = torch.zeros(1, *image_shape, dtype=torch.float32)
    with warnings.catch_warnings():
        # The TorchScript exporter (dynamo=False) is chosen on purpose: it needs no onnxscript
        # and writes a dynamic batch axis from `dynamic_axes`; torch warns it is the old one.
        warnings.simplefilter("ignore", DeprecationWarning)
        _export(model, example, path)
    return minify(path)


def _export(model: nn.Module, example: torch.Tensor, path: Path) -> None:
    torch.onnx.export(
        copy.deepcopy(model).eval(),
        (example,),
        str(path),
        input_names=[INPUT_NAME],
        output_names=[OUTPUT_NAME],
        dynamic_axes={INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}},
        opset_version=ONNX_OPSET,
        dynamo=False,
    )


def quantize_int8(float_path: Path, out_path: Path, calibration: np.ndarray) -> Path:
    """Quantize the ONNX model at `float_path` to int8 with onnxruntime's static quantization:
    weights per output channel (int8), activations (uint8) with ranges measured on the
    `calibration` inputs (float32, as the model takes them). Writes `out_path`, minified.

    The QDQ format: QuantizeLinear / DequantizeLinear pairs around Conv, MaxPool and Gemm,
    which onnxruntime fuses into int8 kernels when it loads the model. (The operator format,
    QLinearConv and QGemm written out, scored 0.30 test accuracy on this net with
    onnxruntime 1.32 where QDQ scored 0.91: it is not used.)"""
    from onnxruntime.quantization import (
        CalibrationDataReader,
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from onnxruntime.quantization.shape_inference import quant_pre_process

    batches = [
        {INPUT_NAME: np.ascontiguousarray(calibration[i : i + CALIBRATION_BATCH], np.float32)}
        for i in range(0, len(calibration), CALIBRATION_BATCH)
    ]

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.batches = iter(batches)

        def get_next(self) -> dict[str, np.ndarray] | None:
            return next(self.batches, None)

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantizer logs a warning per 1-D tensor it skips
    try:
        with tempfile.TemporaryDirectory() as folder:
            prepared = Path(folder) / "prepared.onnx"
            quant_pre_process(str(float_path), str(prepared))
            quantize_static(
                str(prepared),
                str(out_path),
                Reader(),
                quant_format=QuantFormat.QDQ,
                per_channel=True,
                weight_type=QuantType.QInt8,
                activation_type=QuantType.QUInt8,
            )
    finally:
        root.setLevel(level)
    minify(out_path)
    return out_path
