"""Checks of m07-autograd: the learner's reverse-mode engine, judged against torch.autograd.

Each operation is run twice on the same seeded random arrays: once with the learner's
`Tensor`, once with PyTorch in float64. The output is reduced to a scalar with fixed random
weights, `(y * W).sum()`, so every entry of the upstream gradient is different (a gradient
that ignores the upstream one, or sums it in the wrong place, shows). The forward values and
the gradients of every input must agree with PyTorch's to 1e-8. Finally the engine trains a
small network on a spiral, the task a linear model cannot do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

import numpy as np

from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_raises,
    fail,
)
from airoadmap.grading.kit.needs import TORCH, need

MODULE = "autograd"
# Two correct engines differ from PyTorch by rounding only (about 1e-15 relative).
RTOL = 1e-8
ATOL = 1e-10

Build = Callable[..., Any]


def _torch() -> ModuleType:
    """PyTorch, the reference (imported on first use)."""
    return need("torch", exercise="m07-autograd", install=TORCH)


def _tensor_class(ctx: Context) -> Any:
    cls = getattr(ctx.load(MODULE), "Tensor", None)
    if not isinstance(cls, type):
        fail(f"{MODULE}.py defines no class Tensor: keep the names of the starter.")
    return cls


def _compare(ctx: Context, what: str, build: Build, inputs: Sequence[Any], seed: int) -> None:
    """Run `build` on the learner's Tensors and on torch's; compare values and gradients.

    `inputs` are arrays (they become tensors whose gradient is compared) or plain floats
    (passed through as numbers).
    """
    torch = _torch()
    Tensor = _tensor_class(ctx)
    mine = [Tensor(x) if isinstance(x, np.ndarray) else x for x in inputs]
    ref = [
        torch.tensor(x, dtype=torch.float64, requires_grad=True) if isinstance(x, np.ndarray) else x
        for x in inputs
    ]
    expected = build(*ref)
    weights = np.random.default_rng(seed).uniform(0.5, 1.5, size=tuple(expected.shape))
    (expected * torch.tensor(weights)).sum().backward()
    out = build(*mine)
    expect(isinstance(out, Tensor), f"{what} returned {type(out).__name__}, expected a Tensor.")
    expect_close(
        out.data, expected.detach().numpy(), what=f"{what}: the value", rtol=RTOL, atol=ATOL
    )
    (out * Tensor(weights)).sum().backward()
    for i, (x, t) in enumerate(zip(mine, ref, strict=True)):
        if not isinstance(x, Tensor):
            continue
        expect_close(
            x.grad,
            t.grad.numpy(),
            what=f"{what}: the gradient of input {i + 1} (shape {tuple(t.shape)})",
            rtol=RTOL,
            atol=ATOL,
            note="Compare with PyTorch on the same arrays: a gradient has its operand's shape, "
            "summed over the axes broadcasting stretched.",
        )


def _arrays(seed: int, *shapes: tuple[int, ...], low: float | None = None) -> list[Any]:
    rng = np.random.default_rng(seed)
    if low is None:
        return [rng.normal(size=s) for s in shapes]
    return [rng.uniform(low, low + 2.0, size=s) for s in shapes]


# --- checks --------------------------------------------------------------------------------


@check("a Tensor holds float64 data and a zero gradient of the same shape", hint="ops")
def tensor_holds_data(ctx: Context) -> None:
    Tensor = _tensor_class(ctx)
    source = [[1, 2, 3], [4, 5, 6]]
    t = Tensor(source)
    data = np.asarray(t.data)
    expect(
        isinstance(t.data, np.ndarray),
        f"Tensor({source}).data is {type(t.data).__name__}, expected a NumPy array.",
    )
    expect(
        data.dtype == np.float64, f"Tensor({source}).data has dtype {data.dtype}, expected float64."
    )
    expect_close(data, np.array(source, dtype=float), what=f"Tensor({source}).data")
    expect(
        isinstance(t.grad, np.ndarray),
        f"Tensor({source}).grad is {type(t.grad).__name__}, expected a NumPy array.",
    )
    expect_close(t.grad, np.zeros((2, 3)), what=f"Tensor({source}).grad before any backward()")
    source_array = np.arange(3.0)
    kept = Tensor(source_array)
    kept.data += 1.0
    expect(
        bool(np.all(source_array == np.arange(3.0))),
        "Tensor(array) shares memory with the array it was given: copy it "
        "(np.array(data, dtype=np.float64)).",
    )


@check("+ and - match PyTorch, with broadcasting and plain numbers", hint="broadcast")
def add_sub(ctx: Context) -> None:
    cases: list[tuple[str, Build, list[Any]]] = [
        ("a + b, shapes (3, 4) + (4,)", lambda a, b: a + b, _arrays(1, (3, 4), (4,))),
        ("a + b, shapes (4,) + (3, 4)", lambda a, b: a + b, _arrays(2, (4,), (3, 4))),
        ("a + b, shapes (3, 1) + (1, 4)", lambda a, b: a + b, _arrays(3, (3, 1), (1, 4))),
        ("a + b, shapes (2, 3, 4) + (3, 1)", lambda a, b: a + b, _arrays(4, (2, 3, 4), (3, 1))),
        ("-a", lambda a: -a, _arrays(11, (3, 4))),
        ("a - b, shapes (3, 4) - (4,)", lambda a, b: a - b, _arrays(5, (3, 4), (4,))),
        ("a - b, shapes (3, 1) - (1, 4)", lambda a, b: a - b, _arrays(6, (3, 1), (1, 4))),
        ("a + 2.5", lambda a: a + 2.5, _arrays(7, (3, 4))),
        ("2.5 + a", lambda a: 2.5 + a, _arrays(8, (3, 4))),
        ("a - 1.5", lambda a: a - 1.5, _arrays(9, (3, 4))),
        ("1.5 - a", lambda a: 1.5 - a, _arrays(10, (3, 4))),
    ]
    for seed, (what, build, inputs) in enumerate(cases):
        _compare(ctx, what, build, inputs, seed)


@check("* and / match PyTorch, with broadcasting and plain numbers", hint="broadcast")
def mul_div(ctx: Context) -> None:
    cases: list[tuple[str, Build, list[Any]]] = [
        ("a * b, shapes (3, 4) * (3, 4)", lambda a, b: a * b, _arrays(21, (3, 4), (3, 4))),
        ("a * b, shapes (3, 1) * (1, 4)", lambda a, b: a * b, _arrays(22, (3, 1), (1, 4))),
        ("a * b, shapes (3, 4) * (4,)", lambda a, b: a * b, _arrays(23, (3, 4), (4,))),
        ("a * 3.0", lambda a: a * 3.0, _arrays(24, (3, 4))),
        ("3.0 * a", lambda a: 3.0 * a, _arrays(25, (3, 4))),
        ("a / b, shapes (3, 4) / (4,)", lambda a, b: a / b, _arrays(26, (3, 4), (4,), low=0.5)),
        ("a / b, shapes (3, 1) / (1, 4)", lambda a, b: a / b, _arrays(27, (3, 1), (1, 4), low=0.5)),
        ("a / b, shapes (4,) / (3, 4)", lambda a, b: a / b, _arrays(28, (4,), (3, 4), low=0.5)),
        ("a / 4.0", lambda a: a / 4.0, _arrays(29, (3, 4))),
        ("2.0 / a", lambda a: 2.0 / a, _arrays(30, (3, 4), low=0.5)),
    ]
    for seed, (what, build, inputs) in enumerate(cases):
        _compare(ctx, what, build, inputs, seed)


@check("@ and ** (a number) match PyTorch", hint="ops")
def matmul_pow(ctx: Context) -> None:
    cases: list[tuple[str, Build, list[Any]]] = [
        ("a @ b, shapes (3, 4) @ (4, 5)", lambda a, b: a @ b, _arrays(41, (3, 4), (4, 5))),
        ("a @ b, shapes (1, 3) @ (3, 1)", lambda a, b: a @ b, _arrays(42, (1, 3), (3, 1))),
        ("a ** 2", lambda a: a**2, _arrays(43, (3, 4))),
        ("a ** 3", lambda a: a**3, _arrays(44, (3, 4))),
        ("a ** 0.5", lambda a: a**0.5, _arrays(45, (3, 4), low=0.5)),
        ("a ** -1.5", lambda a: a**-1.5, _arrays(46, (3, 4), low=0.5)),
    ]
    for seed, (what, build, inputs) in enumerate(cases):
        _compare(ctx, what, build, inputs, seed)


@check("exp, log, tanh and relu match PyTorch", hint="ops")
def elementwise(ctx: Context) -> None:
    cases: list[tuple[str, Build, list[Any]]] = [
        ("a.exp()", lambda a: a.exp(), _arrays(51, (3, 4))),
        ("a.log()", lambda a: a.log(), _arrays(52, (3, 4), low=0.2)),
        ("a.tanh()", lambda a: a.tanh(), _arrays(53, (3, 4))),
        ("a.tanh(), large |a|", lambda a: a.tanh(), [np.linspace(-4.0, 4.0, 12).reshape(3, 4)]),
        ("a.relu()", lambda a: a.relu(), _arrays(54, (3, 4))),
        (
            "a.relu() with entries at 0",
            lambda a: a.relu(),
            [np.array([[-1.0, 0.0, 2.0], [0.0, 3.0, -0.5]])],
        ),
    ]
    for seed, (what, build, inputs) in enumerate(cases):
        _compare(ctx, what, build, inputs, seed)


@check("sum() and mean() reduce to one number and match PyTorch", hint="ops")
def reductions(ctx: Context) -> None:
    Tensor = _tensor_class(ctx)
    cases: list[tuple[str, Build, list[Any]]] = [
        ("a.sum(), shape (3, 4)", lambda a: a.sum(), _arrays(61, (3, 4))),
        ("a.mean(), shape (3, 4)", lambda a: a.mean(), _arrays(62, (3, 4))),
        ("a.mean(), shape (5,)", lambda a: a.mean(), _arrays(63, (5,))),
        ("a.sum(), shape (2, 3, 2)", lambda a: a.sum(), _arrays(64, (2, 3, 2))),
    ]
    for seed, (what, build, inputs) in enumerate(cases):
        _compare(ctx, what, build, inputs, seed)
    for name in ("sum", "mean"):
        out = getattr(Tensor(np.ones((3, 4))), name)()
        size = np.asarray(out.data).size
        expect(size == 1, f"Tensor(np.ones((3, 4))).{name}() holds {size} numbers, expected 1.")
        x = Tensor(np.arange(12.0).reshape(3, 4))
        getattr(x, name)().backward()
        expected = np.full((3, 4), 1.0 if name == "sum" else 1.0 / 12.0)
        expect_close(x.grad, expected, what=f"x.{name}().backward(): x.grad", rtol=RTOL, atol=ATOL)


@check("a node used more than once accumulates every gradient", hint="backward")
def accumulates(ctx: Context) -> None:
    cases: list[tuple[str, Build, list[Any]]] = [
        ("x * x", lambda x: x * x, _arrays(71, (3, 4))),
        ("x + x", lambda x: x + x, _arrays(72, (3, 4))),
        (
            "x.tanh() * x.exp() (x in two branches)",
            lambda x: x.tanh() * x.exp(),
            _arrays(73, (3, 4)),
        ),
        (
            "h = x @ w; h.tanh() + h * 2.0 (h in two branches)",
            lambda x, w: (lambda h: h.tanh() + h * 2.0)(x @ w),
            _arrays(74, (3, 4), (4, 2)),
        ),
        (
            "y = x * b; (y * y) / (y + 3.0) with b broadcast",
            lambda x, b: (lambda y: (y * y) / (y + 3.0))(x * b),
            _arrays(75, (3, 4), (4,), low=0.5),
        ),
    ]
    for seed, (what, build, inputs) in enumerate(cases):
        _compare(ctx, what, build, inputs, seed)


@check("backward() visits the graph in topological order", hint="backward")
def topological_order(ctx: Context) -> None:
    def ladder(x: Any) -> Any:
        # a reaches the output directly and through a long chain: a must receive both
        # contributions before passing its gradient on to x.
        a = x * 2.0
        long = ((a.tanh() + 1.0).log() * 3.0).exp()
        return a + long

    def diamond(x: Any, w: Any) -> Any:
        a = x @ w
        b = a.relu() + a.tanh()
        c = (b * a) - b.exp()
        return c * a + b

    _compare(
        ctx, "a = x * 2; a + ((a.tanh() + 1).log() * 3).exp()", ladder, _arrays(81, (3, 4)), 81
    )
    _compare(ctx, "a chain of diamonds over x @ w", diamond, _arrays(82, (3, 4), (4, 2)), 82)

    Tensor = _tensor_class(ctx)
    x = Tensor(np.array([0.5]))
    y = x
    for _ in range(2000):
        y = y * 1.0001
    try:
        y.sum().backward()
    except RecursionError:
        fail(
            "backward() on a chain of 2,000 multiplications raised RecursionError: order the "
            "nodes with a loop and an explicit stack, or raise the recursion limit."
        )
    expect_close(
        x.grad,
        np.array([1.0001**2000]),
        what="the gradient of x through a chain of 2,000 multiplications",
        rtol=1e-9,
        note="Deep graphs must not hit Python's recursion limit: order the nodes with a loop "
        "and an explicit stack, or raise the limit.",
    )


@check("backward() on a tensor of more than one number raises ValueError", hint="backward")
def backward_needs_scalar(ctx: Context) -> None:
    Tensor = _tensor_class(ctx)
    for shape in ((3,), (2, 3), (0,)):
        t = Tensor(np.ones(shape)) * 2.0
        expect_raises(
            ValueError,
            t.backward,
            call=f"(Tensor(np.ones({shape})) * 2.0).backward()",
            mentions=("scalar",),
        )
    one = Tensor(np.array([[2.0]]))
    (one * 3.0).backward()
    expect_close(
        one.grad, np.array([[3.0]]), what="(Tensor([[2.0]]) * 3.0).backward(): the gradient"
    )


# --- training ------------------------------------------------------------------------------

HIDDEN = 32
STEPS = 3000
LEARNING_RATE = 0.05


def _spiral(seed: int = 7, n: int = 100) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Two interleaved spirals of 1.5 turns, n points each, labels -1 and +1."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.25, 1.0, n) * 3.0 * np.pi
    radius = t / (3.0 * np.pi)
    X, y = [], []
    for label in (0, 1):
        angle = t + label * np.pi
        X.append(
            np.c_[radius * np.cos(angle), radius * np.sin(angle)]
            + rng.normal(scale=0.02, size=(n, 2))
        )
        y.append(np.full(n, 2.0 * label - 1.0))
    return np.vstack(X), np.concatenate(y)


@check("your engine trains a 2-layer network on a spiral to the accuracy bar", hint="training")
def trains_mlp(ctx: Context) -> None:
    Tensor = _tensor_class(ctx)
    X, y = _spiral()
    rng = np.random.default_rng(0)
    W1 = Tensor(rng.normal(size=(2, HIDDEN)) * 3.0)
    b1 = Tensor(np.zeros(HIDDEN))
    W2 = Tensor(rng.normal(size=(HIDDEN, 1)) / np.sqrt(HIDDEN))
    b2 = Tensor(np.zeros(1))
    params = (W1, b1, W2, b2)
    inputs, targets = Tensor(X), Tensor(y[:, None])
    scores = np.zeros(len(y))
    with np.errstate(all="ignore"):
        for _ in range(STEPS):
            out = (inputs @ W1 + b1).tanh() @ W2 + b2
            loss = ((out - targets) ** 2).mean()
            for p in params:
                p.grad = np.zeros_like(p.data)
            loss.backward()
            for p in params:
                p.data = p.data - LEARNING_RATE * p.grad
        scores = np.asarray(((inputs @ W1 + b1).tanh() @ W2 + b2).data).reshape(-1)
    expect(
        bool(np.all(np.isfinite(scores))),
        "Training diverged (the scores are not finite): make the other checks pass first.",
    )
    accuracy = float(np.mean(np.sign(scores) == y))
    expect_bar(
        ctx,
        "accuracy_train",
        accuracy,
        note=f"(2-layer tanh network, {HIDDEN} hidden units, {STEPS} steps of plain gradient "
        f"descent at learning rate {LEARNING_RATE} on the mean squared error; the reference "
        "engine reaches 0.98: make the other checks pass first.)",
    )
