"""Month 9's quiz cards, their answers recomputed by independent code instead of trusted.

Sizes come from torch tensors and torch's own dynamic quantization; sparsities from
torch.nn.utils.prune; scales and zero points from torch's observers and quantized tensors;
search and pruning figures from Optuna and scikit-learn; optimizer steps from torch's
optimizers; ONNX claims from torch.onnx, onnx and onnxruntime. Every recomputed value is judged
exactly as a learner's typed answer is (`airoadmap.quiz.answers.judge`). Choice cards whose
claim code can show get a demonstration; the rest are listed as concept-only, so that a new
card has to be put in one group or the other.
"""

from __future__ import annotations

import io
import re
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import prune

from airoadmap.quiz.loader import all_cards
from airoadmap.quiz.models import Card, ChoiceCard, ExpressionCard, NumberCard
from airoadmap.quiz.validate import MIN_CARDS_PER_MONTH
from tests.quiz.choice_demos import (
    assert_answer_recomputed,
    assert_card_mix,
    assert_choices_classified,
    assert_claim_holds,
    assert_every_answer_recomputed,
    assert_plain_text,
    assert_quiz_asks_month,
    cards_by_topic,
)

MONTH = 9
ISSUE_MINIMUM = 18  # cards the month-9 issue asks for
TOPICS = ("size", "prune", "quant", "tune", "reg", "transfer", "onnx", "serve")  # m09-<topic>-


@pytest.fixture(autouse=True)
def _seeded() -> Iterator[None]:
    """Fixed random numbers, without touching other tests' RNG."""
    with torch.random.fork_rng():
        torch.manual_seed(0)
        yield


def month_cards() -> dict[str, Card]:
    return {c.id: c for c in all_cards() if c.month == MONTH}


def card(card_id: str) -> Card:
    return month_cards()[card_id]


def named_in_prompt(card_id: str, *texts: str) -> None:
    """The prompt states exactly these numbers and names (so the test computes what it asks)."""
    prompt = card(card_id).prompt
    for text in texts:
        assert text in prompt, f"{card_id}: the prompt no longer says {text!r}"


def build(text: str) -> nn.Module:
    """The module a prompt spells out, e.g. 'nn.Linear(32, 5)'."""
    module = eval(text, {"__builtins__": {}, "nn": nn})
    assert isinstance(module, nn.Module), text
    return module


@contextmanager
def eager_quantization() -> Iterator[None]:
    """torch's eager quantization API, without its warnings that torchao is its future home."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.filterwarnings(
            "ignore", message=".*quantized tensor creation", category=UserWarning
        )
        yield


def quantize_dynamic(model: nn.Module, layers: set[type[nn.Module]]) -> nn.Module:
    """torch's dynamic int8 quantization."""
    with eager_quantization():
        return torch.ao.quantization.quantize_dynamic(model, layers, dtype=torch.qint8)


def compress_mlp() -> nn.Sequential:
    """m09-compress's model: 784-128-10."""
    return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


def saved_bytes(model: nn.Module) -> int:
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes


# -- model size -------------------------------------------------------------------------------


def _bytes_per_parameter() -> tuple[float, ...]:
    """A 25-million-parameter layer on the meta device (no memory), in three dtypes."""
    named_in_prompt("m09-size-bytes-per-parameter", "25 million", "1,000,000 bytes")
    layer = nn.Linear(5000, 5000, bias=False, device="meta")
    n = sum(p.numel() for p in layer.parameters())
    assert n == 25_000_000
    fp32 = sum(p.nbytes for p in layer.parameters())
    fp16 = sum(p.nbytes for p in layer.to(torch.float16).parameters())
    int8 = torch.empty(n, dtype=torch.int8, device="meta").nbytes
    assert torch.empty(1, dtype=torch.qint8).element_size() == 1  # quantized ints: 1 byte too
    return tuple(b / 1_000_000 for b in (fp32, fp16, int8))


def _dynamic_int8_mlp() -> tuple[int, int]:
    """The bytes of the tensors torch's quantized Linear layers really hold."""
    named_in_prompt("m09-size-dynamic-int8-mlp", "784-128-10", "quantize_dynamic", "qint8")
    model = compress_mlp()
    before = sum(p.nbytes for p in model.parameters())
    quantized = quantize_dynamic(model, {nn.Linear})
    after = 0
    for layer in quantized.modules():
        if isinstance(layer, torch.ao.nn.quantized.dynamic.Linear):
            weight, bias = layer.weight(), layer.bias()
            assert weight.dtype == torch.qint8 and bias is not None
            assert bias.dtype == torch.float32
            after += weight.int_repr().nbytes + bias.nbytes
    ratio_on_disk = saved_bytes(model) / saved_bytes(quantized)
    assert 3.5 < ratio_on_disk < before / after < 4  # "a little less than 4x", as explained
    return before, after


# -- pruning ----------------------------------------------------------------------------------


def _global_sparsity() -> tuple[float, float]:
    a_weights = [0.1, -0.8, 0.05, 0.3]
    b_weights = [0.2, -0.02, 0.9, -0.4, 0.01, 0.6]
    named_in_prompt(
        "m09-prune-global-sparsity",
        "[0.1, -0.8, 0.05, 0.3]",
        "[0.2, -0.02, 0.9, -0.4, 0.01, 0.6]",
        "amount=0.4",
    )
    a, b = nn.Linear(4, 1, bias=False), nn.Linear(6, 1, bias=False)
    with torch.no_grad():
        a.weight.copy_(torch.tensor([a_weights]))
        b.weight.copy_(torch.tensor([b_weights]))
    prune.global_unstructured(
        [(a, "weight"), (b, "weight")], pruning_method=prune.L1Unstructured, amount=0.4
    )
    zeros = [float((layer.weight == 0).float().mean()) for layer in (a, b)]
    assert (a.weight == 0).sum() + (b.weight == 0).sum() == 4  # 40% of the model
    return zeros[0], zeros[1]


def _iterative_pruning() -> float:
    named_in_prompt("m09-prune-iterative", "three times", "amount=0.2")
    layer = nn.Linear(100, 10)  # 1,000 weights
    for _ in range(3):
        prune.l1_unstructured(layer, "weight", amount=0.2)
    return float((layer.weight == 0).float().mean())


# -- quantization -----------------------------------------------------------------------------


def _scale_zero_point() -> tuple[float, int]:
    named_in_prompt("m09-quant-scale-zero-point", "-1.0 to 3.0", "quint8", "MinMaxObserver")
    observer = torch.ao.quantization.MinMaxObserver(
        dtype=torch.quint8, qscheme=torch.per_tensor_affine
    )
    with eager_quantization():
        observer(torch.tensor([-1.0, 0.0, 0.5, 3.0]))
        scale, zero_point = observer.calculate_qparams()
    return float(scale), int(zero_point)


def _round_trip() -> tuple[int, float]:
    named_in_prompt("m09-quant-round-trip", "quint8", "scale = 4 / 255", "zero point 64", "1.0")
    with eager_quantization():
        q = torch.quantize_per_tensor(torch.tensor([1.0]), 4 / 255, 64, torch.quint8)
        clipped = torch.quantize_per_tensor(torch.tensor([-2.0, 5.0]), 4 / 255, 64, torch.quint8)
    assert clipped.int_repr().tolist() == [0, 255]  # clipped, as the explanation says
    return int(q.int_repr()), float(q.dequantize())


# -- hyperparameter search --------------------------------------------------------------------


def _grid_cost() -> int:
    from sklearn.model_selection import KFold, ParameterGrid

    named_in_prompt("m09-tune-grid-cost", "4 learning rates", "3 layer widths", "5 weight decays")
    grid = ParameterGrid(
        {
            "lr": [1e-4, 1e-3, 1e-2, 1e-1],
            "width": [32, 64, 128],
            "decay": [0, 1e-5, 1e-4, 1e-3, 1e-2],
        }
    )
    return len(grid) * KFold(n_splits=3).get_n_splits()


def _quiet_optuna() -> Any:
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    return optuna


def _grid_vs_random() -> tuple[int, int]:
    """Optuna's own GridSampler and RandomSampler, 9 trials each."""
    optuna = _quiet_optuna()
    named_in_prompt("m09-tune-grid-vs-random", "9 trials", "3 x 3 grid")

    def objective(trial: Any) -> float:
        lr = trial.suggest_float("lr", 1e-3, 1e-1, log=True)
        trial.suggest_float("momentum", 0.0, 0.9)
        return -abs(np.log10(lr) + 2)

    grid = optuna.samplers.GridSampler(
        {"lr": [1e-3, 1e-2, 1e-1], "momentum": [0.0, 0.5, 0.9]}, seed=0
    )
    distinct = []
    for sampler in (grid, optuna.samplers.RandomSampler(seed=0)):
        study = optuna.create_study(direction="maximize", sampler=sampler)
        study.optimize(objective, n_trials=9)
        distinct.append(len({t.params["lr"] for t in study.trials}))
    return distinct[0], distinct[1]


def _median_pruner_threshold() -> float:
    """Bisect the epoch-3 value at which Optuna's MedianPruner starts to prune."""
    optuna = _quiet_optuna()
    from optuna.trial import TrialState, create_trial

    named_in_prompt(
        "m09-tune-median-pruner",
        "MedianPruner(n_startup_trials=5, n_warmup_steps=0)",
        "0.80, 0.70, 0.85, 0.60 and 0.75 at epoch 3",
        "0.50 at epoch 1 and 0.60 at epoch 2",
    )

    def pruned(reports: list[float]) -> bool:
        study = optuna.create_study(
            direction="maximize",
            pruner=optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=0),
        )
        for final in (0.80, 0.70, 0.85, 0.60, 0.75):
            steps = {1: final - 0.2, 2: final - 0.1, 3: final}
            study.add_trial(
                create_trial(state=TrialState.COMPLETE, value=final, intermediate_values=steps)
            )
        trial = study.ask()
        for step, value in enumerate(reports, start=1):
            trial.report(value, step)
        return bool(trial.should_prune())

    low, high = 0.0, 1.0
    for _ in range(30):
        middle = (low + high) / 2
        low, high = (middle, high) if pruned([0.50, 0.60, middle]) else (low, middle)
    assert not pruned([0.50, 0.80, 0.55])  # its best value so far counts, as explained
    return high


# -- regularization ---------------------------------------------------------------------------


def _one_step(optimizer: Callable[..., torch.optim.Optimizer], **settings: float) -> float:
    """w = 2.0, loss gradient 0.5 (the loss is 0.5 * w), one step."""
    w = nn.Parameter(torch.tensor([2.0], dtype=torch.float64))
    opt = optimizer([w], **settings)
    opt.zero_grad()
    (0.5 * w).sum().backward()
    opt.step()
    return w.item()


def _sgd_weight_decay() -> float:
    named_in_prompt("m09-reg-weight-decay-sgd", "lr=0.1", "weight_decay=0.01", "2.0", "0.5")
    return _one_step(torch.optim.SGD, lr=0.1, weight_decay=0.01)


def _adamw_step() -> float:
    named_in_prompt("m09-reg-adamw-step", "lr=0.1", "weight_decay=0.01", "2.0", "0.5")
    coupled = _one_step(torch.optim.Adam, lr=0.1, weight_decay=0.01)
    plain = _one_step(torch.optim.Adam, lr=0.1)
    assert coupled == pytest.approx(plain, abs=1e-6)  # Adam normalises the decay away here
    return _one_step(torch.optim.AdamW, lr=0.1, weight_decay=0.01)


def _dropout_mask_sum() -> float:
    """nn.Dropout itself, reseeded until it draws the mask the prompt names."""
    named_in_prompt(
        "m09-reg-dropout-mask", "nn.Dropout(p=0.2)", "[1.0, 2.0, 3.0, 4.0, 5.0]", "0, 2 and 3"
    )
    dropout = nn.Dropout(p=0.2).train()
    x = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
    wanted = [True, False, True, True, False]
    for seed in range(10_000):
        torch.manual_seed(seed)
        out = dropout(x)
        if (out != 0).tolist() == wanted:
            return out.sum().item()
    raise AssertionError("no seed drew the mask")


VAL_LOSSES = [0.90, 0.80, 0.795, 0.783, 0.77, 0.768, 0.765, 0.762, 0.76, 0.75]


def _stop_epoch(losses: list[float], patience: int, min_delta: float, *, best_of_all: bool) -> int:
    """Early stopping; the best is the last real improvement, or the lowest loss seen."""
    best, waited = float("inf"), 0
    for epoch, loss in enumerate(losses, start=1):
        if loss < best - min_delta:
            best, waited = loss, 0
        else:
            waited += 1
            if best_of_all:
                best = min(best, loss)
            if waited == patience:
                return epoch
    return len(losses)


def _early_stopping_min_delta() -> int:
    prompt = card("m09-reg-early-stopping-min-delta").prompt
    listed = re.search(r"\[([^\]]+)\]", prompt)
    assert listed and [float(v) for v in listed.group(1).split(",")] == VAL_LOSSES
    named_in_prompt("m09-reg-early-stopping-min-delta", "patience 3", "min_delta 0.01")
    stops = {_stop_epoch(VAL_LOSSES, 3, 0.01, best_of_all=reading) for reading in (False, True)}
    assert len(stops) == 1, "the two readings of 'the best loss so far' must agree"
    assert _stop_epoch(VAL_LOSSES, 3, 0.0, best_of_all=False) == 10  # as the explanation says
    return stops.pop()


def _augment_variants() -> int:
    """Every flip and shift of a random image, counted as distinct tensors."""
    named_in_prompt("m09-reg-augment-variants", "-2, -1, 0, 1 or 2", "horizontally or not")
    image = torch.rand(28, 28)
    padded_variants = set()
    for flipped in (image, torch.flip(image, dims=[1])):
        padded = F.pad(flipped, (2, 2, 2, 2))
        for dy in range(-2, 3):
            for dx in range(-2, 3):
                shifted = padded[2 - dy : 30 - dy, 2 - dx : 30 - dx]
                assert shifted.shape == image.shape
                padded_variants.add(shifted.numpy().tobytes())
    return len(padded_variants)


# -- transfer learning ------------------------------------------------------------------------

BACKBONE = (
    "nn.Sequential(nn.Conv2d(1, 16, kernel_size=3), nn.ReLU(), nn.MaxPool2d(2), "
    "nn.Conv2d(16, 32, kernel_size=3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())"
)


def _frozen_params() -> tuple[int, int]:
    """Counted by requires_grad, and confirmed by which tensors a backward pass reaches."""
    named_in_prompt("m09-transfer-frozen-params", BACKBONE, "nn.Linear(32, 5)")
    backbone = build(BACKBONE).requires_grad_(False)
    model = nn.Sequential(backbone, build("nn.Linear(32, 5)"))
    model(torch.randn(2, 1, 28, 28)).sum().backward()
    with_grad = sum(p.numel() for p in model.parameters() if p.grad is not None)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    assert with_grad == trainable
    return trainable, sum(p.numel() for p in model.parameters())


class _TwoPart(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.backbone = nn.Linear(8, 4)
        self.head = nn.Linear(4, 2)


def _param_group_lrs() -> tuple[float, float]:
    named_in_prompt(
        "m09-transfer-param-groups",
        "torch.optim.AdamW([{'params': model.backbone.parameters(), 'lr': 1e-4}, "
        "{'params': model.head.parameters()}], lr=1e-3)",
    )
    model = _TwoPart()
    groups: list[dict[str, Any]] = [
        {"params": model.backbone.parameters(), "lr": 1e-4},
        {"params": model.head.parameters()},
    ]
    opt = torch.optim.AdamW(groups, lr=1e-3)
    backbone, head = (group["lr"] for group in opt.param_groups)
    return backbone, head


# -- serving ----------------------------------------------------------------------------------


def _throughput() -> tuple[float, float]:
    """Images per second over many simulated calls, in exact fractions."""
    named_in_prompt("m09-serve-throughput", "2 ms", "64 ms", "256")
    seconds_per_call = {1: Fraction(2, 1000), 256: Fraction(64, 1000)}
    calls = 1000
    rates = {
        batch: batch * calls / (seconds * calls) for batch, seconds in seconds_per_call.items()
    }
    return float(rates[1]), float(rates[256])


def _amdahl() -> float:
    """A model's time as its parts, before and after the Linear layers get 3x faster."""
    named_in_prompt("m09-serve-amdahl", "60%", "3x faster")
    parts = {"linear": Fraction(60, 100), "rest": 1 - Fraction(60, 100)}
    before = sum(parts.values())
    after = parts["linear"] / 3 + parts["rest"]
    capped = before / parts["rest"]  # however fast the Linear layers get
    assert capped == Fraction(5, 2)  # "below 2.5", as explained
    return float(before / after)


RECOMPUTE: dict[str, Callable[[], Any]] = {
    "m09-size-bytes-per-parameter": _bytes_per_parameter,
    "m09-size-dynamic-int8-mlp": _dynamic_int8_mlp,
    "m09-prune-global-sparsity": _global_sparsity,
    "m09-prune-iterative": _iterative_pruning,
    "m09-quant-scale-zero-point": _scale_zero_point,
    "m09-quant-round-trip": _round_trip,
    "m09-tune-grid-cost": _grid_cost,
    "m09-tune-grid-vs-random": _grid_vs_random,
    "m09-tune-median-pruner": _median_pruner_threshold,
    "m09-reg-weight-decay-sgd": _sgd_weight_decay,
    "m09-reg-adamw-step": _adamw_step,
    "m09-reg-dropout-mask": _dropout_mask_sum,
    "m09-reg-early-stopping-min-delta": _early_stopping_min_delta,
    "m09-reg-augment-variants": _augment_variants,
    "m09-transfer-frozen-params": _frozen_params,
    "m09-transfer-param-groups": _param_group_lrs,
    "m09-serve-throughput": _throughput,
    "m09-serve-amdahl": _amdahl,
}


def test_every_number_and_expression_card_is_recomputed() -> None:
    assert_every_answer_recomputed(month_cards(), RECOMPUTE)


@pytest.mark.parametrize("card_id", sorted(RECOMPUTE))
def test_answer_matches_an_independent_computation(card_id: str) -> None:
    assert_answer_recomputed(card(card_id), RECOMPUTE[card_id]())


# -- choice cards whose claim code can show ----------------------------------------------------


def _pruning_keeps_shape_and_size() -> None:
    layer = nn.Linear(784, 128)
    original = layer.weight.detach().clone()
    size_before = saved_bytes(layer)
    prune.l1_unstructured(layer, "weight", amount=0.5)
    prune.remove(layer, "weight")
    weight = layer.weight.detach()
    assert weight.shape == (128, 784) and set(layer.state_dict()) == {"weight", "bias"}
    zeroed = weight == 0
    assert zeroed.float().mean().item() == 0.5
    assert original[zeroed].abs().max() <= original[~zeroed].abs().min()  # the smallest ones
    torch.testing.assert_close(weight[~zeroed], original[~zeroed])  # the rest untouched
    assert abs(saved_bytes(layer) - size_before) < 64  # zeros take 4 bytes like any float


def _dynamic_quantization_skips_convs() -> None:
    cnn = nn.Sequential(
        nn.Conv2d(1, 4, 3), nn.ReLU(), nn.Conv2d(4, 4, 3), nn.Flatten(), nn.Linear(4 * 24 * 24, 10)
    )
    quantized = quantize_dynamic(cnn, {nn.Linear, nn.Conv2d})
    assert isinstance(quantized, nn.Sequential)
    assert type(quantized[0]) is nn.Conv2d and type(quantized[2]) is nn.Conv2d
    assert quantized[0].weight.dtype == torch.float32
    assert isinstance(quantized[4], torch.ao.nn.quantized.dynamic.Linear)
    mapping = torch.ao.quantization.quantization_mappings.DEFAULT_DYNAMIC_QUANT_MODULE_MAPPINGS
    assert nn.Linear in mapping and nn.LSTM in mapping and nn.Conv2d not in mapping
    assert quantized(torch.rand(2, 1, 28, 28)).shape == (2, 10)


def _tpe_learns_random_does_not() -> None:
    """After the random start-up trials, TPE's proposals gather near the optimum."""
    import inspect

    optuna = _quiet_optuna()
    assert (
        inspect.signature(optuna.samplers.TPESampler).parameters["n_startup_trials"].default == 10
    )

    def objective(trial: Any) -> float:
        return -((trial.suggest_float("x", -10, 10) - 2) ** 2)

    for seed in range(3):
        distance = {}
        for name, sampler in (
            ("tpe", optuna.samplers.TPESampler(seed=seed)),
            ("random", optuna.samplers.RandomSampler(seed=seed)),
        ):
            study = optuna.create_study(direction="maximize", sampler=sampler)
            study.optimize(objective, n_trials=30)
            distance[name] = float(np.median([abs(t.params["x"] - 2) for t in study.trials[10:]]))
        assert distance["tpe"] < 0.7 * distance["random"], (seed, distance)


def _best_of_many_is_optimistic() -> None:
    """50 settings, all truly 80% right: the best validation score is above 0.8, its test is not."""
    rng = np.random.default_rng(0)
    truth, n_settings, n_val, n_test = 0.8, 50, 300, 20_000
    val_scores = rng.binomial(n_val, truth, size=n_settings) / n_val
    best = int(np.argmax(val_scores))
    test_score = rng.binomial(n_test, truth) / n_test
    assert val_scores[best] - truth > 0.03
    assert abs(test_score - truth) < 0.01
    assert abs(np.mean(val_scores) - truth) < 0.01  # no single score is biased, the max is


def _dropout_needs_eval() -> None:
    net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Dropout(0.5), nn.Linear(64, 3))
    x = torch.randn(100, 20)
    with torch.no_grad():
        first, second = net(x).argmax(1), net(x).argmax(1)  # train mode, as built
        assert not torch.equal(first, second)  # no_grad does not switch dropout off
        net.eval()
        torch.testing.assert_close(net(x), net(x))


def _frozen_batchnorm_still_moves() -> None:
    backbone = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU()).requires_grad_(False)
    model = nn.Sequential(backbone, nn.Flatten(), nn.Linear(4 * 6 * 6, 5)).train()
    before = {k: v.clone() for k, v in backbone.state_dict().items()}
    model(torch.randn(8, 1, 8, 8) + 3)
    after = backbone.state_dict()
    assert not torch.equal(after["1.running_mean"], before["1.running_mean"])
    torch.testing.assert_close(after["1.weight"], before["1.weight"])  # the parameters stay
    backbone.load_state_dict(before)
    backbone.eval()
    model(torch.randn(8, 1, 8, 8) + 3)
    for key, value in backbone.state_dict().items():
        torch.testing.assert_close(value, before[key])


def _export(model: nn.Module, example: torch.Tensor, dynamic: bool) -> bytes:
    """The ONNX file torch.onnx.export writes (the TorchScript path), as bytes."""
    axes = {"images": {0: "batch"}, "logits": {0: "batch"}} if dynamic else None
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        path = Path(folder) / "model.onnx"
        torch.onnx.export(
            model,
            (example,),
            path,
            input_names=["images"],
            output_names=["logits"],
            dynamic_axes=axes,
            dynamo=False,
        )
        return path.read_bytes()


def _onnx_is_an_operator_graph() -> None:
    import onnx
    import onnxruntime as ort

    model = compress_mlp().eval()
    graph_bytes = _export(model, torch.zeros(1, 784), dynamic=True)
    graph = onnx.load_from_string(graph_bytes)
    onnx.checker.check_model(graph)
    assert {node.op_type for node in graph.graph.node} == {"Gemm", "Relu"}
    stored = sorted(tuple(init.dims) for init in graph.graph.initializer)
    assert stored == sorted(tuple(p.shape) for p in model.parameters())  # the weights inside
    session = ort.InferenceSession(graph_bytes, providers=["CPUExecutionProvider"])
    x = torch.rand(7, 784)
    (logits,) = session.run(None, {"images": x.numpy()})
    with torch.no_grad():
        np.testing.assert_allclose(logits, model(x).numpy(), atol=1e-4)


def _fixed_batch_fails_in_onnxruntime() -> None:
    import onnxruntime as ort

    model = compress_mlp().eval()
    batch = np.random.default_rng(0).random((256, 784), dtype=np.float32)
    fixed = ort.InferenceSession(
        _export(model, torch.zeros(1, 784), dynamic=False), providers=["CPUExecutionProvider"]
    )
    with pytest.raises(Exception, match=r"(?i)dimension|shape"):
        fixed.run(None, {"images": batch})
    dynamic = ort.InferenceSession(
        _export(model, torch.zeros(1, 784), dynamic=True), providers=["CPUExecutionProvider"]
    )
    for images in (batch[:1], batch):
        assert dynamic.run(None, {"images": images})[0].shape == (len(images), 10)


CHOICE_DEMOS: dict[str, tuple[str, Callable[[], None]]] = {
    # card -> (words only its right choice contains, the demonstration)
    "m09-prune-what-it-removes": ("keeps its shape", _pruning_keeps_shape_and_size),
    "m09-quant-dynamic-convs": ("Only the nn.Linear", _dynamic_quantization_skips_convs),
    "m09-tune-tpe": ("good and bad ones", _tpe_learns_random_does_not),
    "m09-tune-test-set-out": ("picking the maximum picks that luck", _best_of_many_is_optimistic),
    "m09-reg-forgot-eval": ("random units are still dropped", _dropout_needs_eval),
    "m09-transfer-frozen-batchnorm": ("running mean and variance", _frozen_batchnorm_still_moves),
    "m09-onnx-what": ("graph of standard operators", _onnx_is_an_operator_graph),
    "m09-onnx-dynamic-batch": ("recorded as fixed to 1", _fixed_batch_fails_in_onnxruntime),
}
CONCEPT_ONLY = {  # no short code can show these; the explanations carry them
    "m09-reg-augment-where",
    "m09-transfer-when",
    "m09-serve-latency-or-throughput",
}


def test_every_choice_card_is_demonstrated_or_marked_concept_only() -> None:
    assert_choices_classified(month_cards(), CHOICE_DEMOS, CONCEPT_ONLY)


@pytest.mark.parametrize("card_id", sorted(CHOICE_DEMOS))
def test_choice_claim_holds_in_code(card_id: str) -> None:
    assert_claim_holds(card(card_id), CHOICE_DEMOS[card_id])


# -- the month as a whole ---------------------------------------------------------------------


def test_month_has_enough_cards_of_every_kind() -> None:
    assert_card_mix(month_cards(), max(MIN_CARDS_PER_MONTH, ISSUE_MINIMUM))


def test_every_topic_has_its_cards() -> None:
    for topic, cards in cards_by_topic(month_cards(), "m09", TOPICS).items():
        assert len(cards) >= 2, topic


def test_the_issue_topics_are_asked() -> None:
    """Size in fp32/int8 and a quantization scale as numbers, pruning, TPE, the test set."""
    kinds = {
        "m09-size-bytes-per-parameter": ExpressionCard,
        "m09-quant-scale-zero-point": ExpressionCard,
        "m09-prune-what-it-removes": ChoiceCard,
        "m09-prune-global-sparsity": ExpressionCard,
        "m09-tune-grid-vs-random": ExpressionCard,
        "m09-tune-tpe": ChoiceCard,
        "m09-tune-test-set-out": ChoiceCard,
        "m09-reg-weight-decay-sgd": NumberCard,
        "m09-serve-amdahl": NumberCard,
    }
    for card_id, kind in kinds.items():
        assert isinstance(card(card_id), kind), card_id


def test_text_reads_as_plain_text_in_a_terminal() -> None:
    assert_plain_text(month_cards())


def test_airoadmap_quiz_asks_month_nine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`airoadmap quiz --month 9` lists every card and takes a right answer of each kind."""
    assert_quiz_asks_month(9, month_cards(), 5, tmp_path, monkeypatch)
