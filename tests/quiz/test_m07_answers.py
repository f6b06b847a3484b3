"""Month 7's quiz cards, their answers recomputed with torch instead of trusted.

Parameter counts come from building the layer a prompt names and counting its tensors;
shapes from running the layers on zero tensors; numeric facts from autograd and torch's
optimizers. Each recomputed value is then judged exactly as a learner's typed answer is
(`airoadmap.quiz.answers.judge`). Choice cards whose claim code can show get a demonstration;
the rest are listed as concept-only, so that a new card has to be put in one group or the other.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.flop_counter import FlopCounterMode

from airoadmap.quiz.answers import judge
from airoadmap.quiz.loader import all_cards
from airoadmap.quiz.models import Card
from airoadmap.quiz.safe_eval import safe_eval
from airoadmap.quiz.validate import MIN_CARDS_PER_MONTH
from tests.quiz.choice_demos import (
    assert_answer_recomputed,
    assert_card_mix,
    assert_choices_classified,
    assert_claim_holds,
    assert_every_answer_recomputed,
    assert_plain_text,
)

MONTH = 7
ISSUE_MINIMUM = 18  # cards the month-7 issue asks for


@pytest.fixture(autouse=True)
def _seeded() -> Iterator[None]:
    """Fixed random numbers for layer initialisation, without touching other tests' RNG."""
    with torch.random.fork_rng():
        torch.manual_seed(0)
        yield


def month_cards() -> dict[str, Card]:
    return {c.id: c for c in all_cards() if c.month == MONTH}


def card(card_id: str) -> Card:
    return month_cards()[card_id]


def build(text: str) -> nn.Module:
    """The module a prompt spells out, e.g. 'nn.Conv2d(3, 16, kernel_size=3)'."""
    module = eval(text, {"__builtins__": {}, "nn": nn})
    assert isinstance(module, nn.Module), text
    return module


def named_in_prompt(card_id: str, *texts: str) -> None:
    """The prompt names exactly these layers and shapes (so the test builds what it asks)."""
    prompt = card(card_id).prompt
    for text in texts:
        assert text in prompt, f"{card_id}: the prompt no longer says {text!r}"


def trainable(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


# -- number and expression cards, recomputed ----------------------------------------------


def _params(card_id: str, text: str) -> int:
    named_in_prompt(card_id, text)
    return trainable(build(text))


def _dense_equivalent_weights() -> int:
    card_id = "m07-dense-vs-conv-weights"
    conv_text = "nn.Conv2d(1, 8, kernel_size=3, bias=False)"
    named_in_prompt(card_id, conv_text, "28x28", "72 weights", "8 x 26 x 26")
    conv = build(conv_text)
    assert trainable(conv) == 72
    out = conv(torch.zeros(1, 1, 28, 28))
    assert tuple(out.shape) == (1, 8, 26, 26)
    dense = nn.Linear(28 * 28, out.numel(), bias=False, device="meta")  # no memory used
    return trainable(dense)


def _receptive_field_width() -> int:
    """Width of the input patch that reaches the centre output of three 3x3 convs."""
    named_in_prompt("m07-receptive-field", "Three nn.Conv2d", "kernel_size=3", "stride 1")
    convs = nn.Sequential(*(nn.Conv2d(1, 1, kernel_size=3, bias=False) for _ in range(3)))
    for conv in convs:
        nn.init.ones_(conv.weight)  # every path counts, none cancels
    x = torch.zeros(1, 1, 21, 21, requires_grad=True)
    out = convs(x)
    centre = out.shape[-1] // 2
    out[0, 0, centre, centre].backward()
    assert x.grad is not None
    touched_columns = x.grad[0, 0].abs().sum(dim=0).nonzero()
    return int(touched_columns.max() - touched_columns.min() + 1)


def _max_sigmoid_derivative() -> float:
    x = torch.linspace(-10, 10, 20001, dtype=torch.float64, requires_grad=True)
    (grad,) = torch.autograd.grad(torch.sigmoid(x).sum(), x)
    assert abs(x[grad.argmax()].item()) < 1e-9  # the largest slope is at x = 0
    return grad.max().item()


def _ten_sigmoids_gradient() -> float:
    """d h10 / d x for h1 = sigmoid(x), h(i+1) = sigmoid(h(i) - 0.5): every input is 0."""
    x = torch.zeros((), dtype=torch.float64, requires_grad=True)
    h = torch.sigmoid(x)
    for _ in range(9):
        h = torch.sigmoid(h - 0.5)  # h is 0.5, so each sigmoid works at its steepest point
    (grad,) = torch.autograd.grad(h, x)
    return grad.item()


def _cross_entropy_value() -> float:
    named_in_prompt("m07-cross-entropy-value", "[2.0, 1.0, 0.0]", "index 0")
    return F.cross_entropy(torch.tensor([[2.0, 1.0, 0.0]]), torch.tensor([0])).item()


def _uniform_cross_entropy() -> float:
    logits = torch.zeros(4, 10)  # equal logits: every class gets 1/10
    return F.cross_entropy(logits, torch.tensor([0, 3, 7, 9])).item()


def _adam_first_step(gradient: float) -> float:
    named_in_prompt("m07-adam-first-step", "lr=0.01", "gradient is 50")
    w = nn.Parameter(torch.zeros(1, dtype=torch.float64))
    opt = torch.optim.Adam([w], lr=0.01)
    w.grad = torch.full_like(w, gradient)
    opt.step()
    return abs(w.item())


def _adam_step_ignores_gradient_size() -> float:
    step = _adam_first_step(50.0)
    for gradient in (1e-3, 1.0, 1e3):
        assert _adam_first_step(gradient) == pytest.approx(step, rel=1e-4)
    return step


def _momentum_two_steps() -> float:
    named_in_prompt("m07-momentum-two-steps", "lr=0.1, momentum=0.9", "1.0", "two steps")
    w = nn.Parameter(torch.zeros(1, dtype=torch.float64))
    opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
    for _ in range(2):
        opt.zero_grad()
        w.grad = torch.ones_like(w)
        opt.step()
    return abs(w.item())


def _steps_per_epoch() -> int:
    named_in_prompt("m07-steps-per-epoch", "50,000", "batch_size=128", "drop_last=False")
    loader = DataLoader(TensorDataset(torch.zeros(50_000)), batch_size=128, drop_last=False)
    return len(loader)


def _dropout_scale() -> float:
    named_in_prompt("m07-dropout-scale", "nn.Dropout(p=0.2)")
    dropout = build("nn.Dropout(p=0.2)").train()
    out = dropout(torch.ones(10_000))
    kept = out[out != 0].unique()
    assert kept.numel() == 1 and (out == 0).any()
    return kept.item()


def _early_stopping() -> tuple[int, int]:
    """Run early stopping over the losses written in the prompt."""
    prompt = card("m07-early-stopping-epochs").prompt
    listed = re.search(r"\[([^\]]+)\]", prompt)
    patience = re.search(r"patience (\d+)", prompt)
    assert listed and patience, prompt
    losses = [float(x) for x in listed.group(1).split(",")]
    best, best_epoch, waited = float("inf"), 0, 0
    for epoch, loss in enumerate(losses, start=1):
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited == int(patience.group(1)):
                return epoch, best_epoch
    return len(losses), best_epoch


def _matmul_multiply_adds() -> int:
    text = "nn.Linear(1024, 1024, bias=False)"
    named_in_prompt("m07-matmul-flops", text, "batch of 256")
    layer = build(text).to("meta")
    with FlopCounterMode(display=False) as counter:
        layer(torch.zeros(256, 1024, device="meta"))
    return counter.get_total_flops() // 2  # torch counts a multiply-add as 2 operations


def _shape(card_id: str, shape: tuple[int, ...], *layers: str) -> tuple[int, ...]:
    """The output shape of the named layers, run in order on zeros of `shape`."""
    named_in_prompt(card_id, str(shape), *layers)
    with torch.no_grad():
        out = nn.Sequential(*map(build, layers))(torch.zeros(shape))
    return tuple(out.shape)


CNN_STACK = (
    "nn.Conv2d(1, 32, kernel_size=3, padding=1)",
    "nn.ReLU()",
    "nn.MaxPool2d(2)",
    "nn.Conv2d(32, 64, kernel_size=3)",
    "nn.ReLU()",
    "nn.MaxPool2d(2)",
)


def _flatten_features() -> int:
    card_id = "m07-flatten-features"
    return _shape(card_id, (1, 1, 28, 28), *CNN_STACK, "nn.Flatten()")[1]


def _lstm_shapes() -> tuple[tuple[int, ...], tuple[int, ...]]:
    text = "nn.LSTM(input_size=10, hidden_size=20, batch_first=True)"
    named_in_prompt("m07-lstm-output-shapes", text, "(4, 15, 10)")
    with torch.no_grad():
        output, (h_n, _) = build(text)(torch.zeros(4, 15, 10))
    return tuple(output.shape), tuple(h_n.shape)


def _attention_weights_shape() -> tuple[int, ...]:
    text = "nn.MultiheadAttention(embed_dim=64, num_heads=8, batch_first=True)"
    named_in_prompt("m07-attention-weights-shape", text, "(2, 50, 64)")
    x = torch.zeros(2, 50, 64)
    with torch.no_grad():
        _, weights = build(text)(x, x, x, need_weights=True, average_attn_weights=False)
    return tuple(weights.shape)


RECOMPUTE: dict[str, Callable[[], Any]] = {
    "m07-linear-params": lambda: _params("m07-linear-params", "nn.Linear(784, 128)"),
    "m07-mlp-params": lambda: _params(
        "m07-mlp-params", "nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))"
    ),
    "m07-conv-params": lambda: _params("m07-conv-params", "nn.Conv2d(3, 16, kernel_size=3)"),
    "m07-conv-no-bias-params": lambda: _params(
        "m07-conv-no-bias-params", "nn.Conv2d(64, 128, kernel_size=3, bias=False)"
    ),
    "m07-batchnorm-params": lambda: _params("m07-batchnorm-params", "nn.BatchNorm2d(64)"),
    "m07-lstm-params": lambda: _params("m07-lstm-params", "nn.LSTM(input_size=10, hidden_size=20)"),
    "m07-embedding-params": lambda: _params("m07-embedding-params", "nn.Embedding(10000, 300)"),
    "m07-dense-vs-conv-weights": _dense_equivalent_weights,
    "m07-receptive-field": _receptive_field_width,
    "m07-sigmoid-derivative-max": _max_sigmoid_derivative,
    "m07-vanishing-ten-sigmoids": _ten_sigmoids_gradient,
    "m07-cross-entropy-value": _cross_entropy_value,
    "m07-initial-loss": _uniform_cross_entropy,
    "m07-adam-first-step": _adam_step_ignores_gradient_size,
    "m07-momentum-two-steps": _momentum_two_steps,
    "m07-steps-per-epoch": _steps_per_epoch,
    "m07-dropout-scale": _dropout_scale,
    "m07-early-stopping-epochs": _early_stopping,
    "m07-matmul-flops": _matmul_multiply_adds,
    "m07-conv-output-shape": lambda: _shape(
        "m07-conv-output-shape", (8, 3, 32, 32), "nn.Conv2d(3, 16, kernel_size=5)"
    ),
    "m07-conv-stride-shape": lambda: _shape(
        "m07-conv-stride-shape",
        (1, 3, 64, 64),
        "nn.Conv2d(3, 32, kernel_size=3, stride=2, padding=1)",
    ),
    "m07-pool-odd-size": lambda: _shape("m07-pool-odd-size", (1, 64, 7, 7), "nn.MaxPool2d(2)"),
    "m07-conv-pool-stack-shape": lambda: _shape(
        "m07-conv-pool-stack-shape", (1, 1, 28, 28), *CNN_STACK
    ),
    "m07-flatten-features": _flatten_features,
    "m07-lstm-output-shapes": _lstm_shapes,
    "m07-attention-weights-shape": _attention_weights_shape,
}


def test_every_number_and_expression_card_is_recomputed() -> None:
    assert_every_answer_recomputed(month_cards(), RECOMPUTE)


@pytest.mark.parametrize("card_id", sorted(RECOMPUTE))
def test_answer_matches_torch(card_id: str) -> None:
    assert_answer_recomputed(card(card_id), RECOMPUTE[card_id]())


# -- the size formula of conv and pool layers, at many sizes -------------------------------

SIZE_FORMULA = "(n + 2*p - k) // s + 1"  # written in these cards' explanations
FORMULA_CARDS = {  # card -> (batch, channels out, n, k, p, s) of its layer
    "m07-conv-output-shape": (8, 16, 32, 5, 0, 1),
    "m07-conv-stride-shape": (1, 32, 64, 3, 1, 2),
    "m07-pool-odd-size": (1, 64, 7, 2, 0, 2),
}


def size_formula(n: int, k: int, p: int, s: int) -> str:
    """The formula with the numbers put in, as a learner could type it."""
    values = {"n": n, "k": k, "p": p, "s": s}
    return re.sub(r"\b[nkps]\b", lambda m: str(values[m.group()]), SIZE_FORMULA)


def test_the_explained_formula_is_the_one_checked() -> None:
    for card_id in FORMULA_CARDS:
        assert SIZE_FORMULA in card(card_id).explanation, card_id


def test_size_formula_matches_torch_at_many_sizes() -> None:
    checked = 0
    for n in (5, 7, 8, 28, 31, 32):
        for k in (1, 2, 3, 5):
            for s in (1, 2, 3):
                for p in range(k // 2 + 1):  # pooling allows at most half the kernel
                    x = torch.zeros(1, 1, n, n)
                    want = safe_eval(size_formula(n, k, p, s))
                    with torch.no_grad():
                        conv = nn.Conv2d(1, 1, kernel_size=k, stride=s, padding=p)(x)
                        pool = nn.MaxPool2d(k, stride=s, padding=p)(x)
                    assert conv.shape[-2:] == (want, want), (n, k, p, s)
                    assert pool.shape[-2:] == (want, want), (n, k, p, s)
                    checked += 1
    assert checked > 100


@pytest.mark.parametrize("card_id", sorted(FORMULA_CARDS))
def test_typing_the_formula_with_numbers_is_right(card_id: str) -> None:
    batch, channels, n, k, p, s = FORMULA_CARDS[card_id]
    side = size_formula(n, k, p, s)
    assert judge(card(card_id), f"({batch}, {channels}, {side}, {side})").correct
    assert not judge(card(card_id), f"({batch}, {channels}, {n}, {n})").correct


# -- choice cards whose claim code can show ------------------------------------------------


def _batchnorm_buffers() -> None:
    bn = build("nn.BatchNorm2d(64)")
    assert {name for name, _ in bn.named_parameters()} == {"weight", "bias"}
    buffers = dict(bn.named_buffers())
    assert {"running_mean", "running_var"} <= set(buffers)
    assert not any(b.requires_grad for b in buffers.values())
    before = buffers["running_mean"].clone()
    bn.train()(torch.randn(4, 64, 5, 5) + 3.0)  # a forward pass, no optimizer step
    assert not torch.equal(bn.running_mean, before)  # moved by averaging, not by a gradient


def _linear_stack_is_affine() -> None:
    first, second = nn.Linear(5, 7).double(), nn.Linear(7, 3).double()
    single = nn.Linear(5, 3).double()
    with torch.no_grad():
        single.weight.copy_(second.weight @ first.weight)
        single.bias.copy_(second.weight @ first.bias + second.bias)
        x = torch.randn(10, 5, dtype=torch.float64)
        torch.testing.assert_close(second(first(x)), single(x))


def _gradient_through(step: Callable[[torch.Tensor], torch.Tensor], x0: float) -> float:
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    h = x
    for _ in range(30):
        h = step(h)
    (grad,) = torch.autograd.grad(h, x)
    return grad.item()


def _lstm_cell_state_gradient(forget_bias: float) -> float:
    """d c_30 / d c_0 through an LSTMCell whose forget gate is held open (or shut)."""
    cell = nn.LSTMCell(1, 4).double()
    with torch.no_grad():
        for tensor in cell.parameters():
            tensor.zero_()
        cell.bias_ih[4:8] = forget_bias  # PyTorch's gate order: input, forget, cell, output
    c0 = torch.ones(1, 4, dtype=torch.float64, requires_grad=True)
    h, c = torch.zeros(1, 4, dtype=torch.float64), c0
    for _ in range(30):
        h, c = cell(torch.zeros(1, 1, dtype=torch.float64), (h, c))
    (grad,) = torch.autograd.grad(c.sum(), c0)
    return grad[0, 0].item()


def _vanishing_remedies() -> None:
    assert _gradient_through(torch.sigmoid, 0.0) < 0.25**30  # vanishes
    assert _gradient_through(torch.relu, 1.0) == 1.0  # derivative 1 where active
    assert _gradient_through(lambda h: h + 0.1 * torch.tanh(h), 0.5) >= 1.0  # x + f(x)
    assert _lstm_cell_state_gradient(forget_bias=20.0) == pytest.approx(1.0, abs=1e-6)
    assert _lstm_cell_state_gradient(forget_bias=-2.0) < 1e-20  # a shut gate forgets


def _softmax_before_cross_entropy() -> None:
    logits = torch.tensor([[0.0, 10.0, 0.0]], requires_grad=True)  # confidently wrong
    target = torch.tensor([0])
    direct = F.cross_entropy(logits, target)
    assert direct.item() == pytest.approx(-F.log_softmax(logits, 1)[0, 0].item())
    (good,) = torch.autograd.grad(direct, logits)
    twice = F.cross_entropy(torch.softmax(logits, 1), target)
    (bad,) = torch.autograd.grad(twice, logits)
    assert twice.item() < direct.item() / 5  # hardly any loss for a confident mistake
    assert bad.norm() < 1e-3 * good.norm()  # and almost no gradient to fix it


def _softmax_overflow() -> None:
    z = np.array([1000.0, 999.0], dtype=np.float32)
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(z) / np.exp(z).sum()
    assert np.isnan(naive).all()
    shifted = np.exp(z - z.max())
    shifted /= shifted.sum()
    np.testing.assert_allclose(shifted, torch.softmax(torch.from_numpy(z), 0).numpy(), 1e-6)
    np.testing.assert_allclose(shifted, [0.731, 0.269], atol=1e-3)
    w = torch.randn(6, dtype=torch.float64)
    torch.testing.assert_close(torch.softmax(w, 0), torch.softmax(w - 123.4, 0))


def _gradients_accumulate() -> None:
    w = nn.Parameter(torch.tensor([1.0, 2.0]))
    opt = torch.optim.SGD([w], lr=0.1)
    for _ in range(2):
        (w**2).sum().backward()
    assert w.grad is not None
    torch.testing.assert_close(w.grad, 2 * (2 * w.detach()))  # two batches' worth
    opt.zero_grad()
    (w**2).sum().backward()
    torch.testing.assert_close(w.grad, 2 * w.detach())


def _adam_keeps_two_averages() -> None:
    p, q = nn.Parameter(torch.zeros(3)), nn.Parameter(torch.zeros(3))
    adam, sgd = torch.optim.Adam([p], lr=0.1), torch.optim.SGD([q], lr=0.1)
    g = torch.tensor([1.0, -2.0, 3.0])
    p.grad, q.grad = g.clone(), g.clone()
    adam.step()
    sgd.step()
    state = adam.state[p]
    torch.testing.assert_close(state["exp_avg"], 0.1 * g)  # (1 - beta1) * g
    torch.testing.assert_close(state["exp_avg_sq"], 0.001 * g**2)  # (1 - beta2) * g^2
    assert not any(isinstance(v, torch.Tensor) for v in sgd.state[q].values())


def _batchnorm_eval_uses_running_stats() -> None:
    bn = nn.BatchNorm2d(3)
    for _ in range(20):  # training passes fill the running statistics
        bn.train()(torch.randn(16, 3, 4, 4) * 2.0 + 1.0)
    x = torch.randn(8, 3, 4, 4) * 5.0 - 2.0  # not like the training batches
    in_training = copy.deepcopy(bn).train()
    assert not torch.allclose(in_training(x)[:1], in_training(x[:1]), atol=1e-3)
    bn.eval()
    with torch.no_grad():
        torch.testing.assert_close(bn(x[:1]), bn(x)[:1])  # one image = its row in the batch
        mean = bn.running_mean.view(1, 3, 1, 1)
        var = bn.running_var.view(1, 3, 1, 1)
        scale, shift = bn.weight.view(1, 3, 1, 1), bn.bias.view(1, 3, 1, 1)
        by_hand = (x - mean) / torch.sqrt(var + bn.eps) * scale + shift
        torch.testing.assert_close(bn(x), by_hand)


def _dropout_is_identity_in_eval() -> None:
    dropout = build("nn.Dropout(p=0.5)")
    x = torch.randn(1000)
    assert (dropout.train()(x) == 0).any()
    assert torch.equal(dropout.eval()(x), x)


def _binary_loss_is_stable() -> None:
    logits, target = torch.tensor([-200.0, 0.0, 3.0]), torch.tensor([1.0, 0.0, 1.0])
    loss = nn.BCEWithLogitsLoss(reduction="none")(logits, target)
    by_hand = -(target * F.logsigmoid(logits) + (1 - target) * F.logsigmoid(-logits))
    torch.testing.assert_close(loss, by_hand)
    assert loss[0].item() == pytest.approx(200.0)  # exact, though sigmoid(-200) is 0 in float32
    squashed = nn.BCELoss(reduction="none")(torch.sigmoid(logits), target)
    assert squashed[0].item() < 101  # sigmoid first: log(0) clipped, the loss is wrong


def _cross_entropy_takes_logits_and_indices() -> None:
    logits, target = torch.randn(5, 10), torch.tensor([0, 9, 3, 3, 7])
    loss = nn.CrossEntropyLoss()(logits, target)
    by_hand = -F.log_softmax(logits, 1)[torch.arange(5), target].mean()
    torch.testing.assert_close(loss, by_hand)


def _several_labels_need_sigmoids() -> None:
    logits = torch.tensor([[10.0, 10.0, -10.0]])  # labels 0 and 1 are both present
    assert torch.softmax(logits, 1)[0, :2].max() <= 0.5  # softmax shares 1 between them
    assert torch.sigmoid(logits)[0, :2].min() > 0.99  # sigmoids answer each label alone
    target = torch.tensor([[1.0, 1.0, 0.0]])
    assert nn.BCEWithLogitsLoss()(logits, target).item() < 1e-3


CHOICE_DEMOS: dict[str, tuple[str, Callable[[], None]]] = {
    # card -> (words only its right choice contains, the demonstration)
    "m07-batchnorm-buffers": ("weight (gamma) and bias (beta)", _batchnorm_buffers),
    "m07-activation-needed": ("one nn.Linear", _linear_stack_is_affine),
    "m07-vanishing-remedies": ("local derivative is 1", _vanishing_remedies),
    "m07-loss-binary": ("one logit, target 0 or 1", _binary_loss_is_stable),
    "m07-loss-multiclass": ("target the class index", _cross_entropy_takes_logits_and_indices),
    "m07-loss-multilabel": ("vector of 0s and 1s", _several_labels_need_sigmoids),
    "m07-softmax-before-ce": ("log-softmax itself", _softmax_before_cross_entropy),
    "m07-softmax-overflow": ("Subtract the largest logit", _softmax_overflow),
    "m07-zero-grad": ("adds into", _gradients_accumulate),
    "m07-adam-state": ("squared gradient", _adam_keeps_two_averages),
    "m07-batchnorm-eval": ("running mean and variance", _batchnorm_eval_uses_running_stats),
    "m07-dropout-eval": ("unchanged", _dropout_is_identity_in_eval),
}
CONCEPT_ONLY = {  # no code can show these; the explanations carry them
    "m07-loss-regression",
    "m07-warmup",
    "m07-augmentation-digits",
    "m07-gpu-matmul",
    "m07-rnn-vs-attention",
    "m07-pytorch-vs-keras",
}


def test_every_choice_card_is_demonstrated_or_marked_concept_only() -> None:
    assert_choices_classified(month_cards(), CHOICE_DEMOS, CONCEPT_ONLY)


@pytest.mark.parametrize("card_id", sorted(CHOICE_DEMOS))
def test_choice_claim_holds_in_torch(card_id: str) -> None:
    assert_claim_holds(card(card_id), CHOICE_DEMOS[card_id])


# -- the month as a whole -------------------------------------------------------------------


def test_month_has_enough_cards_of_every_kind() -> None:
    assert_card_mix(month_cards(), max(MIN_CARDS_PER_MONTH, ISSUE_MINIMUM))


def test_text_reads_as_plain_text_in_a_terminal() -> None:
    assert_plain_text(month_cards())
