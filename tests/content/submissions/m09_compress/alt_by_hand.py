"""Correct, written differently: pruning by hand (a global threshold from torch.kthvalue),
sizes through a temporary file, onnxruntime with its own input names, latency with
perf_counter_ns and the mean of the middle half of the timings, and a table built from a
dict of variants."""

from __future__ import annotations

import copy
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort
import torch
from torch import nn

Array = np.ndarray[Any, Any]


def model_size_bytes(model: nn.Module) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.pt"
        torch.save(model.state_dict(), path)
        return path.stat().st_size


def accuracy(model: nn.Module, inputs: Array, labels: Array) -> float:
    model.eval()
    correct = 0
    with torch.inference_mode():
        for start in range(0, len(inputs), 100):
            batch = torch.from_numpy(np.ascontiguousarray(inputs[start : start + 100]))
            predicted = model(batch.float()).argmax(dim=1).numpy()
            correct += int((predicted == labels[start : start + 100]).sum())
    return correct / len(inputs)


def quantize(model: nn.Module) -> nn.Module:
    clone = copy.deepcopy(model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(clone, qconfig_spec={nn.Linear})


def _linears(model: nn.Module) -> list[nn.Linear]:
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def prune_global(model: nn.Module, amount: float) -> nn.Module:
    if amount < 0 or amount >= 1:
        raise ValueError(f"prune_global: amount {amount} is not in [0, 1)")
    clone = copy.deepcopy(model)
    layers = _linears(clone)
    magnitudes = torch.cat([layer.weight.detach().abs().reshape(-1) for layer in layers])
    count = round(amount * magnitudes.numel())
    if count == 0:
        return clone
    # Rank every weight once; the `count` smallest are zeroed, ties broken by position.
    order = magnitudes.argsort(stable=True)
    keep = torch.ones_like(magnitudes, dtype=torch.bool)
    keep[order[:count]] = False
    offset = 0
    with torch.no_grad():
        for layer in layers:
            n = layer.weight.numel()
            layer.weight.mul_(keep[offset : offset + n].reshape(layer.weight.shape))
            offset += n
    return clone


def sparsity(model: nn.Module) -> float:
    arrays = [layer.weight.detach().numpy().ravel() for layer in _linears(model)]
    flat = np.concatenate(arrays)
    return float(np.count_nonzero(flat == 0) / flat.size)


def sparsity_curve(
    model: nn.Module, amounts: Sequence[float], inputs: Array, labels: Array
) -> list[dict[str, float]]:
    curve = []
    for amount in amounts:
        pruned = prune_global(model, amount)
        curve.append(
            {
                "amount": amount,
                "sparsity": sparsity(pruned),
                "accuracy": accuracy(pruned, inputs, labels),
            }
        )
    return curve


def export_onnx(model: nn.Module, path: str | Path, features: int) -> Path:
    torch.onnx.export(
        copy.deepcopy(model).eval(),
        (torch.randn(4, features),),
        str(path),
        input_names=["x"],
        output_names=["y"],
        dynamic_axes={"x": {0: "n"}, "y": {0: "n"}},
        opset_version=18,
        dynamo=False,
    )
    return Path(path)


def onnx_session(path: str | Path) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])


def onnx_predict(session: ort.InferenceSession, inputs: Array) -> Array:
    (logits,) = session.run(["y"], {"x": inputs.astype(np.float32)})
    return logits


def measure_latency(predict: Callable[[Array], Any], batch: Array, repeats: int = 20) -> float:
    if repeats <= 0:
        raise ValueError(f"measure_latency: repeats = {repeats}, need 1 or more")
    predict(batch)
    times = []
    for _ in range(repeats):
        start = time.perf_counter_ns()
        predict(batch)
        times.append(time.perf_counter_ns() - start)
    times.sort()
    middle = times[len(times) // 4 : len(times) - len(times) // 4] or times
    return sum(middle) / len(middle) / 1e9


def compare(
    model: nn.Module,
    inputs: Array,
    labels: Array,
    workdir: str | Path,
    *,
    prune_amount: float = 0.5,
    repeats: int = 20,
) -> list[dict[str, Any]]:
    path = export_onnx(model, Path(workdir) / "mlp.onnx", inputs.shape[1])
    session = onnx_session(path)
    torch_models = {
        "float": model,
        "int8": quantize(model),
        "pruned": prune_global(model, prune_amount),
    }

    def torch_call(net: nn.Module) -> Callable[[Array], Any]:
        net.eval()
        return lambda x: net(torch.from_numpy(x)).detach()

    calls = {name: torch_call(net) for name, net in torch_models.items()}
    calls["onnx"] = lambda x: onnx_predict(session, x)
    sizes = {name: model_size_bytes(net) for name, net in torch_models.items()}
    sizes["onnx"] = path.stat().st_size
    table = []
    with torch.no_grad():
        for name, call in calls.items():
            predicted = np.asarray(call(inputs)).argmax(axis=1)
            table.append(
                {
                    "variant": name,
                    "size_bytes": sizes[name],
                    "latency_1_s": measure_latency(call, inputs[:1], repeats),
                    "latency_256_s": measure_latency(call, inputs[:256], repeats),
                    "accuracy": float(np.mean(predicted == labels)),
                }
            )
    return table
