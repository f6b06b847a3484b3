"""Quantize, prune, export: a smaller, faster model (the reference solution).

Every function takes a trained float model (an nn.Module of nn.Linear layers) and leaves it
as it was: compression works on copies, so the variants can be compared side by side.
Inputs are float32 arrays of shape (n, features); labels are int64 class indices.
"""

from __future__ import annotations

import copy
import io
import statistics
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import torch
from torch import nn
from torch.nn.utils import prune

Array = np.ndarray[Any, Any]

INPUT_NAME, OUTPUT_NAME = "images", "logits"
ONNX_OPSET = 17


def model_size_bytes(model: nn.Module) -> int:
    """The bytes of the model's state_dict as torch.save writes it: its size on disk."""
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes


@torch.no_grad()
def accuracy(model: nn.Module, inputs: Array, labels: Array) -> float:
    """The share of `inputs` whose highest logit is the label, in eval mode."""
    model.eval()
    logits = model(torch.as_tensor(inputs, dtype=torch.float32))
    return float((logits.argmax(dim=1).numpy() == np.asarray(labels)).mean())


def quantize(model: nn.Module) -> nn.Module:
    """A copy of `model` with every nn.Linear quantized dynamically to int8.

    Weights are stored as int8 with a scale; activations are quantized on the fly, batch by
    batch, so no calibration data is needed.
    """
    with warnings.catch_warnings():
        # torch.ao.quantization still works in torch 2.13 but says its future is torchao, a
        # separate package; the eager API used here is the one that ships with torch.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        return torch.ao.quantization.quantize_dynamic(
            copy.deepcopy(model).eval(), {nn.Linear}, dtype=torch.qint8
        )


def _linear_layers(model: nn.Module) -> list[nn.Linear]:
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def prune_global(model: nn.Module, amount: float) -> nn.Module:
    """A copy of `model` whose `amount` share of Linear weights (the smallest in absolute value,
    over all layers together) are zero. Biases are kept.

    The pruning is made permanent (no masks or hooks remain), so the copy is a plain model.
    """
    if not 0.0 <= amount < 1.0:
        raise ValueError(f"amount must be in [0, 1), got {amount}")
    pruned = copy.deepcopy(model)
    weights = [(layer, "weight") for layer in _linear_layers(pruned)]
    if not weights:
        raise ValueError("the model has no nn.Linear layer to prune")
    prune.global_unstructured(weights, pruning_method=prune.L1Unstructured, amount=amount)
    for layer, name in weights:
        prune.remove(layer, name)
    return pruned


def sparsity(model: nn.Module) -> float:
    """The share of zeros among the weights of the model's Linear layers."""
    weights = [layer.weight.detach() for layer in _linear_layers(model)]
    zeros = sum(int((w == 0).sum()) for w in weights)
    return zeros / sum(w.numel() for w in weights)


def sparsity_curve(
    model: nn.Module, amounts: Sequence[float], inputs: Array, labels: Array
) -> list[dict[str, float]]:
    """Prune a copy of `model` at each amount: one row per amount with amount, sparsity
    (measured on the pruned copy) and accuracy on (inputs, labels)."""
    rows = []
    for amount in amounts:
        pruned = prune_global(model, amount)
        rows.append(
            {
                "amount": float(amount),
                "sparsity": sparsity(pruned),
                "accuracy": accuracy(pruned, inputs, labels),
            }
        )
    return rows


def export_onnx(model: nn.Module, path: str | Path, features: int) -> Path:
    """Write `model` to `path` as ONNX, with a batch dimension of any size.

    The graph has one input, "images" (batch x features, float32), and one output, "logits".
    """
    path = Path(path)
    example = torch.zeros(1, features, dtype=torch.float32)
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
    return path


def onnx_session(path: str | Path) -> ort.InferenceSession:
    """An onnxruntime session on one thread (comparable with torch.set_num_threads(1))."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def onnx_predict(session: ort.InferenceSession, inputs: Array) -> Array:
    """The logits of the ONNX model for float32 `inputs` (n x features)."""
    feed = {session.get_inputs()[0].name: np.asarray(inputs, dtype=np.float32)}
    return np.asarray(session.run(None, feed)[0])


def measure_latency(predict: Callable[[Array], Any], batch: Array, repeats: int = 20) -> float:
    """The median wall-clock seconds of one `predict(batch)` call, after one warm-up call.

    The median ignores the odd slow call (another process, a cache miss)."""
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    predict(batch)  # warm-up: first calls allocate buffers
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        predict(batch)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _torch_predict(model: nn.Module) -> Callable[[Array], Any]:
    model.eval()

    def predict(inputs: Array) -> Any:
        with torch.no_grad():
            return model(torch.as_tensor(inputs, dtype=torch.float32))

    return predict


def compare(
    model: nn.Module,
    inputs: Array,
    labels: Array,
    workdir: str | Path,
    *,
    prune_amount: float = 0.5,
    repeats: int = 20,
) -> list[dict[str, Any]]:
    """One row per variant (float, int8, pruned, onnx): variant, size_bytes, latency_1_s and
    latency_256_s (median seconds per call, batches of 1 and 256 inputs), accuracy."""
    onnx_path = export_onnx(model, Path(workdir) / "model.onnx", inputs.shape[1])
    session = onnx_session(onnx_path)
    variants: list[tuple[str, int, Callable[[Array], Any]]] = []
    for name, variant in (
        ("float", model),
        ("int8", quantize(model)),
        (f"pruned {prune_amount:.0%}", prune_global(model, prune_amount)),
    ):
        variants.append((name, model_size_bytes(variant), _torch_predict(variant)))
    variants.append(("onnx", onnx_path.stat().st_size, lambda x: onnx_predict(session, x)))
    rows = []
    for name, size, predict in variants:
        logits = np.asarray(predict(inputs))
        rows.append(
            {
                "variant": name,
                "size_bytes": size,
                "latency_1_s": measure_latency(predict, inputs[:1], repeats),
                "latency_256_s": measure_latency(predict, inputs[:256], repeats),
                "accuracy": float((logits.argmax(axis=1) == np.asarray(labels)).mean()),
            }
        )
    return rows
