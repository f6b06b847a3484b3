"""Quantize, prune, export: a smaller, faster model: your code. Read brief.md first.

Every function takes a trained float model (an nn.Module of nn.Linear layers) and leaves it
as it was: compress copies, so the variants can be compared side by side. Inputs are float32
arrays of shape (n, features); labels are int64 class indices.
"""

from __future__ import annotations

import copy  # noqa: F401  (you will need it)
import io  # noqa: F401
import statistics  # noqa: F401
import time  # noqa: F401
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import torch  # noqa: F401
from torch import nn
from torch.nn.utils import prune  # noqa: F401

Array = np.ndarray[Any, Any]

INPUT_NAME, OUTPUT_NAME = "images", "logits"


def model_size_bytes(model: nn.Module) -> int:
    """The bytes of the model's state_dict as torch.save writes it: its size on disk."""
    raise NotImplementedError("model_size_bytes: torch.save the state_dict to an io.BytesIO")


def accuracy(model: nn.Module, inputs: Array, labels: Array) -> float:
    """The share of `inputs` whose highest logit is the label, in eval mode."""
    raise NotImplementedError("accuracy: score the model in eval mode, without gradients")


def quantize(model: nn.Module) -> nn.Module:
    """A copy of `model` with every nn.Linear quantized dynamically to int8."""
    raise NotImplementedError("quantize: torch.ao.quantization.quantize_dynamic on a copy")


def prune_global(model: nn.Module, amount: float) -> nn.Module:
    """A copy of `model` whose `amount` share of Linear weights (the smallest in absolute value,
    over all layers together) are zero, the pruning made permanent. Biases are kept."""
    raise NotImplementedError("prune_global: prune.global_unstructured, then prune.remove")


def sparsity(model: nn.Module) -> float:
    """The share of zeros among the weights of the model's Linear layers."""
    raise NotImplementedError("sparsity: count the zero weights of every nn.Linear")


def sparsity_curve(
    model: nn.Module, amounts: Sequence[float], inputs: Array, labels: Array
) -> list[dict[str, float]]:
    """One row per amount: {"amount", "sparsity", "accuracy"} of `model` pruned at that amount."""
    raise NotImplementedError("sparsity_curve: prune a copy at each amount and measure it")


def export_onnx(model: nn.Module, path: str | Path, features: int) -> Path:
    """Write `model` to `path` as ONNX: input "images" (batch x features, any batch size),
    output "logits". Returns the path."""
    raise NotImplementedError("export_onnx: torch.onnx.export(..., dynamo=False)")


def onnx_session(path: str | Path) -> ort.InferenceSession:
    """An onnxruntime session on the ONNX file, on one thread."""
    raise NotImplementedError("onnx_session: ort.InferenceSession with SessionOptions")


def onnx_predict(session: ort.InferenceSession, inputs: Array) -> Array:
    """The logits of the ONNX model for float32 `inputs` (n x features)."""
    raise NotImplementedError("onnx_predict: session.run with the input's name")


def measure_latency(predict: Callable[[Array], Any], batch: Array, repeats: int = 20) -> float:
    """The median wall-clock seconds of one `predict(batch)` call, after one warm-up call."""
    raise NotImplementedError("measure_latency: time.perf_counter around each call")


def compare(
    model: nn.Module,
    inputs: Array,
    labels: Array,
    workdir: str | Path,
    *,
    prune_amount: float = 0.5,
    repeats: int = 20,
) -> list[dict[str, Any]]:
    """One row per variant (float, int8, pruned, onnx): variant, size_bytes, latency_1_s,
    latency_256_s (median seconds per call on 1 and 256 inputs), accuracy."""
    raise NotImplementedError("compare: build the four variants and measure each")
