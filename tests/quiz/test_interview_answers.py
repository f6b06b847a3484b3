"""The interview deck's cards, their answers recomputed by independent code instead of trusted.

Numbers come from the libraries the questions are about (scikit-learn, SciPy, statsmodels,
torch, NumPy), from small simulations (Little's law, a cache, a latency budget) or, for the
Python cards, from running the very snippet the prompt shows. Every recomputed value is judged
exactly as a learner's typed answer is (`airoadmap.quiz.answers.judge`). Choice cards whose
claim code can show get a demonstration; the rest are listed as concept-only, so that a new
card has to be put in one group or the other.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from airoadmap.quiz.answers import judge
from airoadmap.quiz.loader import all_decks, get_deck
from airoadmap.quiz.models import Card, ChoiceCard, ExpressionCard, NumberCard
from tests.quiz.choice_demos import assert_choices_classified, assert_claim_holds

DECK = "interview"
ISSUE_MINIMUM = 60  # cards the issue asks for
TOPICS = ("ml", "dl", "sd", "ops", "py")  # ML theory, deep learning, system design, MLOps, Python


@pytest.fixture(autouse=True)
def _seeded() -> Iterator[None]:
    """Fixed random numbers, without touching other tests' RNG."""
    with torch.random.fork_rng():
        torch.manual_seed(0)
        yield


def deck_cards() -> dict[str, Card]:
    return {c.id: c for c in get_deck(DECK).cards}


def card(card_id: str) -> Card:
    return deck_cards()[card_id]


def named_in_prompt(card_id: str, *texts: str) -> None:
    """The prompt states exactly these numbers and names (so the test computes what it asks)."""
    prompt = card(card_id).prompt
    for text in texts:
        assert text in prompt, f"{card_id}: the prompt no longer says {text!r}"


def as_typed(value: Any) -> str:
    """A value as a learner would type it: 0.72, (8, 16, 16, 16), [1, 9, 25], '2.0.0'."""
    if isinstance(value, torch.Size):
        value = tuple(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, tuple):
        value = tuple(v.item() if isinstance(v, np.generic) else v for v in value)
    return repr(value)


def run_snippet(card_id: str, snippet: str, result: str) -> Any:
    """Run the Python the prompt shows (it must show exactly `snippet`); return `result`."""
    named_in_prompt(card_id, snippet)
    scope: dict[str, Any] = {"np": np}
    exec(snippet.replace("; ", "\n") if snippet.startswith(("a =", "g =")) else snippet, scope)
    return eval(result, scope)


def counts_to_labels(tp: int, fp: int, fn: int, tn: int) -> tuple[np.ndarray, np.ndarray]:
    """y_true, y_pred with these confusion-matrix counts."""
    pairs = [(1, 1)] * tp + [(0, 1)] * fp + [(1, 0)] * fn + [(0, 0)] * tn
    arr = np.array(pairs)
    return arr[:, 0], arr[:, 1]


# -- ML theory --------------------------------------------------------------------------------


def _f1() -> float:
    from sklearn.metrics import f1_score

    named_in_prompt("interview-ml-f1", "18 true positives", "12 false positives", "2 false")
    y, p = counts_to_labels(18, 12, 2, 50)
    return float(f1_score(y, p))


def _log_loss() -> float:
    from sklearn.metrics import log_loss

    named_in_prompt("interview-ml-log-loss", "probability 0.8")
    return float(log_loss([1], [[0.2, 0.8]], labels=[0, 1]))


def _gini() -> float:
    from sklearn.tree import DecisionTreeClassifier

    named_in_prompt("interview-ml-gini", "6 positive and 4 negative")
    x = np.arange(10).reshape(-1, 1)
    y = np.array([1] * 6 + [0] * 4)
    tree = DecisionTreeClassifier(criterion="gini", max_depth=1).fit(x, y)
    return float(tree.tree_.impurity[0])  # the root: all ten examples


def _entropy() -> float:
    from scipy.stats import entropy

    named_in_prompt("interview-ml-entropy", "0.5, 0.25 and 0.25")
    return float(entropy([0.5, 0.25, 0.25], base=2))


def _loo_fits() -> int:
    from sklearn.model_selection import LeaveOneOut

    named_in_prompt("interview-ml-loo-fits", "50 rows")
    return sum(1 for _ in LeaveOneOut().split(np.zeros((50, 1))))


def _auc() -> float:
    from sklearn.metrics import roc_auc_score

    named_in_prompt("interview-ml-auc", "positives: 0.9 and 0.4", "negatives: 0.6 and 0.2")
    return float(roc_auc_score([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.2]))


def _majority_accuracy() -> float:
    from sklearn.dummy import DummyClassifier

    named_in_prompt("interview-ml-majority-accuracy", "990 negatives and 10 positives")
    y = np.array([0] * 990 + [1] * 10)
    x = np.zeros((len(y), 1))
    return float(DummyClassifier(strategy="most_frequent").fit(x, y).score(x, y))


def _slope() -> float:
    from sklearn.linear_model import LinearRegression

    named_in_prompt("interview-ml-slope", "(1, 2), (2, 3) and (3, 5)")
    model = LinearRegression().fit([[1], [2], [3]], [2, 3, 5])
    return float(model.coef_[0])


def _bayes() -> Fraction:
    """Count a population of 100,000 people instead of using the formula."""
    named_in_prompt("interview-ml-bayes", "2% of people", "95% of the sick", "10% of the healthy")
    people = 100_000
    sick = people * 2 // 100
    flagged_sick = sick * 95 // 100
    flagged_healthy = (people - sick) * 10 // 100
    return Fraction(flagged_sick, flagged_sick + flagged_healthy)


def _pca_ratio() -> float:
    from sklearn.decomposition import PCA

    named_in_prompt("interview-ml-pca-ratio", "(3, 0), (-3, 0), (0, 1) and (0, -1)")
    pca = PCA().fit([[3, 0], [-3, 0], [0, 1], [0, -1]])
    return float(pca.explained_variance_ratio_[0])


# -- deep learning ----------------------------------------------------------------------------


def _params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def _linear_params() -> int:
    named_in_prompt("interview-dl-linear-params", "nn.Linear(128, 64)")
    return _params(nn.Linear(128, 64))


def _conv_params() -> int:
    named_in_prompt("interview-dl-conv-params", "nn.Conv2d(3, 16, kernel_size=3)")
    return _params(nn.Conv2d(3, 16, kernel_size=3))


def _conv_shape() -> tuple[int, ...]:
    named_in_prompt(
        "interview-dl-conv-shape", "(8, 3, 32, 32)", "nn.Conv2d(3, 16, kernel_size=3, stride=2"
    )
    conv = nn.Conv2d(3, 16, kernel_size=3, stride=2, padding=1)
    return tuple(conv(torch.zeros(8, 3, 32, 32)).shape)


def _pool_flatten() -> tuple[int, ...]:
    named_in_prompt("interview-dl-pool-flatten", "(1, 8, 28, 28)", "nn.MaxPool2d(2)", "Flatten")
    net = nn.Sequential(nn.MaxPool2d(2), nn.Flatten())
    return tuple(net(torch.zeros(1, 8, 28, 28)).shape)


LOGITS = [2.0, 1.0, 0.0]


def _softmax() -> float:
    named_in_prompt("interview-dl-softmax", "[2, 1, 0]")
    return float(torch.softmax(torch.tensor(LOGITS), dim=0)[0])


def _cross_entropy() -> float:
    named_in_prompt("interview-dl-cross-entropy", "[2, 1, 0]", "the first")
    return float(F.cross_entropy(torch.tensor([LOGITS]), torch.tensor([0])))


def _sigmoid_grad() -> float:
    x = torch.linspace(-10, 10, 20001, requires_grad=True)
    torch.sigmoid(x).sum().backward()
    assert x.grad is not None
    return float(x.grad.max())


def _momentum() -> float:
    named_in_prompt("interview-dl-momentum", "momentum 0.9", "learning rate 0.1", "two steps")
    w = nn.Parameter(torch.zeros(()))
    opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
    for _ in range(2):
        opt.zero_grad()
        w.backward()  # d(w)/dw = 1: a gradient of 1 at every step
        opt.step()
    return float(w.detach())


def _batchnorm() -> float:
    named_in_prompt("interview-dl-batchnorm", "1, 2 and 3", "training mode")
    bn = nn.BatchNorm1d(1).train()
    with torch.no_grad():
        return float(bn(torch.tensor([[1.0], [2.0], [3.0]]))[0, 0])


def _dropout_scale() -> float:
    named_in_prompt("interview-dl-dropout-scale", "nn.Dropout(p=0.2)")
    out = nn.Dropout(p=0.2).train()(torch.ones(10_000))
    kept = out[out != 0].unique()
    assert len(kept) == 1 and 0.7 < (out != 0).float().mean() < 0.9
    return float(kept[0])


def _receptive_field() -> int:
    """The input pixels that the centre output of two 3x3 convolutions depends on."""
    named_in_prompt("interview-dl-receptive-field", "Two stacked 3x3", "stride 1")
    net = nn.Sequential(nn.Conv2d(1, 1, 3), nn.Conv2d(1, 1, 3))
    for p in net.parameters():
        nn.init.constant_(p, 1.0)
    x = torch.zeros(1, 1, 11, 11, requires_grad=True)
    out = net(x)
    out[0, 0, out.shape[2] // 2, out.shape[3] // 2].backward()
    assert x.grad is not None
    touched = x.grad[0, 0] != 0
    return int(touched.any(dim=0).sum())


def _attention_scale() -> float:
    """The divisor, read back from what PyTorch's attention does with two keys."""
    named_in_prompt("interview-dl-attention-scale", "d_k = 64")
    q = torch.randn(1, 1, 64)
    k = torch.randn(1, 2, 64)
    weights = F.scaled_dot_product_attention(q, k, torch.eye(2).unsqueeze(0))[0, 0]
    scores = (q @ k.transpose(1, 2))[0, 0]
    # softmax([a, b] / s): log(w0 / w1) = (a - b) / s
    return float((scores[0] - scores[1]) / torch.log(weights[0] / weights[1]))


# -- system design ----------------------------------------------------------------------------


def _peak_rps() -> float:
    named_in_prompt("interview-sd-peak-rps", "50 million requests a day", "3 times")
    return 50_000_000 / timedelta(days=1).total_seconds() * 3


def _replicas() -> int:
    named_in_prompt("interview-sd-replicas", "1,300 requests/s", "150 requests/s", "80%")
    replicas = 1
    while replicas * 150 * 0.8 < 1300:
        replicas += 1
    return replicas


def _embedding_storage() -> float:
    named_in_prompt("interview-sd-embedding-storage", "1 million", "384 float32")
    thousand = np.zeros((1000, 384), dtype=np.float32)
    return thousand.nbytes * 1000 / 1e9


def _gpu_cost() -> float:
    named_in_prompt("interview-sd-gpu-cost", "4 GPUs", "2.50 dollars", "30-day month")
    hours = (datetime(2026, 12, 1) - datetime(2026, 11, 1)) / timedelta(hours=1)  # November
    return 4 * 2.5 * hours


def _latency_budget() -> int:
    named_in_prompt("interview-sd-latency-budget", "200 ms", "30 ms", "40 ms", "10 ms")
    stages = {"network": 30, "features": 40, "post-processing": 10}
    return 200 - sum(stages.values())


def _littles_law() -> float:
    """Requests every 2 ms, each in the system 80 ms: count those in flight over time."""
    named_in_prompt("interview-sd-littles-law", "500 requests", "80 ms")
    arrivals = np.arange(0, 10, 1 / 500)
    probes = np.linspace(2, 8, 6001)  # after the start, before the end
    in_flight = [np.sum((arrivals <= t) & (arrivals + 0.080 > t)) for t in probes]
    return float(np.mean(in_flight))


def _cache_latency() -> float:
    named_in_prompt("interview-sd-cache-latency", "80%", "2 ms", "50 ms")
    hits = [True] * 8 + [False] * 2
    return statistics.mean(2 if hit else 2 + 50 for hit in hits)


def _mean_p99() -> tuple[float, float]:
    named_in_prompt("interview-sd-mean-p99", "95 take 20 ms", "5 take 500 ms", "numpy's default")
    times = np.array([20] * 95 + [500] * 5)
    return float(times.mean()), float(np.percentile(times, 99))


def _fanout() -> float:
    """Sum over the 2^10 outcomes of the backends: slow if any backend is."""
    named_in_prompt("interview-sd-fanout", "10 backends", "1% of the time")
    total = 0.0
    for outcome in itertools.product((True, False), repeat=10):
        if any(outcome):
            slow = sum(outcome)
            total += 0.01**slow * 0.99 ** (10 - slow)
    return total


def _batch_throughput() -> float:
    named_in_prompt("interview-sd-batch-throughput", "batch of 32", "40 ms")
    batches = Fraction(1000, 40)  # per second, back to back
    return float(batches * 32)


# -- MLOps ------------------------------------------------------------------------------------


def _psi() -> float:
    """PSI is the symmetric KL divergence: KL(actual || expected) + KL(expected || actual)."""
    from scipy.stats import entropy

    named_in_prompt("interview-ops-psi", "0.5 and 0.5", "0.6 and 0.4")
    actual, expected = [0.6, 0.4], [0.5, 0.5]
    return float(entropy(actual, expected) + entropy(expected, actual))


def _ks() -> float:
    from scipy.stats import ks_2samp

    named_in_prompt("interview-ops-ks", "[1, 2, 3, 4] and [3, 4, 5, 6]")
    return float(ks_2samp([1, 2, 3, 4], [3, 4, 5, 6]).statistic)


def _z_score() -> float:
    from sklearn.preprocessing import StandardScaler

    named_in_prompt("interview-ops-z-score", "mean 50", "standard deviation 10", "80")
    scaler = StandardScaler().fit([[40.0], [60.0]])  # mean 50, standard deviation 10
    assert scaler.mean_[0] == 50 and scaler.scale_[0] == 10
    return float(scaler.transform([[80.0]])[0, 0])


def _ab_z() -> float:
    from statsmodels.stats.proportion import proportions_ztest

    named_in_prompt("interview-ops-ab-z", "2,000 users per arm", "10% convert in A", "12% in B")
    z, _p = proportions_ztest([240, 200], [2000, 2000])  # pooled by default
    return float(z)


def _slo_downtime() -> float:
    named_in_prompt("interview-ops-slo-downtime", "99.9%", "30 days")
    allowed = timedelta(days=30) * (1 - 0.999)
    return allowed / timedelta(minutes=1)


def _content_hash() -> bool:
    named_in_prompt("interview-ops-content-hash", "MD5")
    data = bytearray(range(256)) * 4096  # 1 MiB stands in for the 1 GB file
    before = hashlib.md5(data).hexdigest()
    data[123_456] ^= 1
    return hashlib.md5(data).hexdigest() != before


def _semver() -> str:
    from packaging.version import Version

    named_in_prompt("interview-ops-semver", "1.4.2", "drops one of its input fields")
    old = Version("1.4.2")
    return f"{old.major + 1}.0.0"  # a breaking change: major up, minor and patch reset


# -- Python -----------------------------------------------------------------------------------

SNIPPETS: dict[str, tuple[str, str]] = {  # card -> (the code its prompt shows, what it asks)
    "interview-py-comprehension": ("[i * i for i in range(6) if i % 2]", "_"),
    "interview-py-mutable-default": ("def add(x, acc=[]): acc.append(x); return acc", "_"),
    "interview-py-list-alias": ("a = [1, 2]; b = a; b += [3]", "a"),
    "interview-py-tuple-alias": ("a = (1, 2); b = a; b += (3,)", "a"),
    "interview-py-dict-merge": ("list(({'a': 1, 'b': 2} | {'b': 3}).values())", "_"),
    "interview-py-generator": (
        "g = (x * 2 for x in range(3)); first = list(g); second = list(g)",
        "second",
    ),
    "interview-py-broadcast": ("np.zeros((3, 1)) + np.zeros(4)", "_"),
    "interview-py-divmod": ("divmod(-7, 2)", "_"),
    "interview-py-set-len": ("len(set('mississippi'))", "_"),
    "interview-py-sorted-key": (
        "sorted(['b10', 'a2', 'b9'], key=lambda s: (s[0], int(s[1:])))",
        "_",
    ),
}


def _snippet(card_id: str) -> Any:
    code, asked = SNIPPETS[card_id]
    if card_id == "interview-py-mutable-default":
        named_in_prompt(card_id, code, "add(1)", "add(2)")
        scope: dict[str, Any] = {}
        exec(code, scope)
        scope["add"](1)
        return scope["add"](2)
    if asked == "_":  # an expression: its value
        named_in_prompt(card_id, code)
        value = eval(code, {"np": np})
        return tuple(value.shape) if isinstance(value, np.ndarray) else value
    return run_snippet(card_id, code, asked)


RECOMPUTE: dict[str, Callable[[], Any]] = {
    "interview-ml-f1": _f1,
    "interview-ml-log-loss": _log_loss,
    "interview-ml-gini": _gini,
    "interview-ml-entropy": _entropy,
    "interview-ml-loo-fits": _loo_fits,
    "interview-ml-auc": _auc,
    "interview-ml-majority-accuracy": _majority_accuracy,
    "interview-ml-slope": _slope,
    "interview-ml-bayes": _bayes,
    "interview-ml-pca-ratio": _pca_ratio,
    "interview-dl-linear-params": _linear_params,
    "interview-dl-conv-params": _conv_params,
    "interview-dl-conv-shape": _conv_shape,
    "interview-dl-pool-flatten": _pool_flatten,
    "interview-dl-softmax": _softmax,
    "interview-dl-cross-entropy": _cross_entropy,
    "interview-dl-sigmoid-grad": _sigmoid_grad,
    "interview-dl-momentum": _momentum,
    "interview-dl-batchnorm": _batchnorm,
    "interview-dl-dropout-scale": _dropout_scale,
    "interview-dl-receptive-field": _receptive_field,
    "interview-dl-attention-scale": _attention_scale,
    "interview-sd-peak-rps": _peak_rps,
    "interview-sd-replicas": _replicas,
    "interview-sd-embedding-storage": _embedding_storage,
    "interview-sd-gpu-cost": _gpu_cost,
    "interview-sd-latency-budget": _latency_budget,
    "interview-sd-littles-law": _littles_law,
    "interview-sd-cache-latency": _cache_latency,
    "interview-sd-mean-p99": _mean_p99,
    "interview-sd-fanout": _fanout,
    "interview-sd-batch-throughput": _batch_throughput,
    "interview-ops-psi": _psi,
    "interview-ops-ks": _ks,
    "interview-ops-z-score": _z_score,
    "interview-ops-ab-z": _ab_z,
    "interview-ops-slo-downtime": _slo_downtime,
    "interview-ops-content-hash": _content_hash,
    "interview-ops-semver": _semver,
    **{card_id: functools.partial(_snippet, card_id) for card_id in SNIPPETS},
}


def test_every_number_and_expression_card_is_recomputed() -> None:
    computed = {i for i, c in deck_cards().items() if isinstance(c, NumberCard | ExpressionCard)}
    assert computed - set(RECOMPUTE) == set(), "add a recomputation for these cards"
    assert set(RECOMPUTE) - computed == set(), "stale entries"


@pytest.mark.parametrize("card_id", sorted(RECOMPUTE))
def test_answer_matches_an_independent_computation(card_id: str) -> None:
    c = card(card_id)
    value = RECOMPUTE[card_id]()
    if isinstance(value, Fraction):
        value = float(value)
    typed = as_typed(value)
    assert judge(c, typed).correct, f"{card_id}: the card's answer is not right for {typed}"


# -- choice cards: the claim of the right choice, shown in code -------------------------------


def _lasso_zeros_ridge_does_not() -> None:
    from sklearn.linear_model import Lasso, Ridge

    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 10))
    y = 3 * x[:, 0] - 2 * x[:, 1] + rng.normal(scale=0.5, size=200)  # 8 useless features
    lasso, ridge = Lasso(alpha=0.1).fit(x, y), Ridge(alpha=10).fit(x, y)
    assert np.sum(lasso.coef_ == 0) >= 6
    assert np.all(ridge.coef_ != 0) and np.all(np.abs(ridge.coef_[2:]) < 0.2)


def _deep_tree_overfits_pruned_tree_less() -> None:
    from sklearn.datasets import make_classification
    from sklearn.model_selection import train_test_split
    from sklearn.tree import DecisionTreeClassifier

    x, y = make_classification(600, n_features=10, flip_y=0.2, random_state=0)
    xt, xv, yt, yv = train_test_split(x, y, test_size=0.5, random_state=0)
    deep = DecisionTreeClassifier(random_state=0).fit(xt, yt)
    small = DecisionTreeClassifier(max_depth=3, random_state=0).fit(xt, yt)
    gap = deep.score(xt, yt) - deep.score(xv, yv)
    assert deep.score(xt, yt) == 1.0 and gap > 0.2  # memorised: high variance
    assert small.score(xv, yv) > deep.score(xv, yv)  # a simpler model does better


def _scaler_on_all_rows_sees_the_test_rows() -> None:
    from sklearn.preprocessing import StandardScaler

    rng = np.random.default_rng(0)
    train, test = rng.normal(0, 1, (80, 1)), rng.normal(5, 1, (20, 1))
    on_all = StandardScaler().fit(np.vstack([train, test]))
    on_train = StandardScaler().fit(train)
    assert abs(on_all.mean_[0] - on_train.mean_[0]) > 0.5  # the test rows moved it


def _larger_k_smooths() -> None:
    from sklearn.datasets import make_moons
    from sklearn.neighbors import KNeighborsClassifier

    x, y = make_moons(300, noise=0.35, random_state=0)
    one = KNeighborsClassifier(1).fit(x, y)
    fifty = KNeighborsClassifier(50).fit(x, y)
    assert one.score(x, y) == 1.0 > fifty.score(x, y)  # k = 1 fits every training point
    grid = np.stack(np.meshgrid(np.linspace(-2, 3, 80), np.linspace(-2, 2, 80)), -1).reshape(-1, 2)

    def flips(model: KNeighborsClassifier) -> int:  # boundary crossings along the grid rows
        labels = model.predict(grid).reshape(80, 80)
        return int(np.sum(labels[:, 1:] != labels[:, :-1]))

    assert flips(fifty) < flips(one)


def _higher_threshold_precision_up_recall_down() -> None:
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import precision_score, recall_score

    x, y = make_classification(2000, random_state=0)
    scores = LogisticRegression().fit(x, y).predict_proba(x)[:, 1]
    low, high = scores > 0.3, scores > 0.8
    assert precision_score(y, high) > precision_score(y, low)
    assert recall_score(y, high) < recall_score(y, low)


def _dropout_is_identity_in_eval() -> None:
    x = torch.randn(1000)
    assert torch.equal(nn.Dropout(0.5).eval()(x), x)
    assert not torch.equal(nn.Dropout(0.5).train()(x), x)


def _relu_keeps_gradients_sigmoid_shrinks_them() -> None:
    x = torch.tensor([0.5, 3.0], requires_grad=True)
    y = x.clone()
    z = x.clone()
    for _ in range(10):
        y = torch.relu(y)
        z = torch.sigmoid(z)
    (grad_relu,) = torch.autograd.grad(y.sum(), x)
    (grad_sigmoid,) = torch.autograd.grad(z.sum(), x)
    assert torch.equal(grad_relu, torch.ones(2))
    assert torch.all(grad_sigmoid <= 0.25**10)


def _skip_connection_carries_the_gradient() -> None:
    f = nn.Linear(4, 4)
    nn.init.zeros_(f.weight)  # f's own gradient path is dead
    x = torch.randn(4, requires_grad=True)
    (plain,) = torch.autograd.grad(f(x).sum(), x)
    (residual,) = torch.autograd.grad((x + f(x)).sum(), x)
    assert torch.equal(plain, torch.zeros(4)) and torch.equal(residual, torch.ones(4))


def _too_high_learning_rate_diverges() -> None:
    def descend(lr: float) -> float:
        w = 1.0
        for _ in range(50):
            w -= lr * 2 * w  # gradient of w^2
        return abs(w)

    assert descend(1.1) > 1e3 and descend(0.1) < 1e-3


def _concept_drift_hides_from_input_checks() -> None:
    from scipy.stats import ks_2samp
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    before, after = rng.normal(size=(1000, 1)), rng.normal(size=(1000, 1))
    model = LogisticRegression().fit(before, before[:, 0] > 0)
    assert ks_2samp(before[:, 0], after[:, 0]).pvalue > 0.05  # inputs look the same
    assert model.score(after, after[:, 0] <= 0) < 0.1  # the relation flipped


def _slice_backwards() -> None:
    assert "'transformer'[::-3]" in card("interview-py-slice").prompt
    assert repr("transformer"[::-3]) == "'rrsr'"


def _float_sum_is_not_exact() -> None:
    left, right = 0.1, 0.2
    assert (left + right == 0.3) is False


def _equal_but_not_identical() -> None:
    x, y = [1], [1]
    assert x == y and x is not y


def _lru_cache_memoizes() -> None:
    calls = Counter[int]()

    @functools.lru_cache(maxsize=8)
    def square(n: int) -> int:
        calls[n] += 1
        return n * n

    assert [square(3), square(3), square(4)] == [9, 9, 16]
    assert calls == Counter({3: 1, 4: 1})


CHOICE_DEMOS: dict[str, tuple[str, Callable[[], None]]] = {
    # card -> (words only its right choice contains, the demonstration)
    "interview-ml-l1-zeros": ("L1 (lasso)", _lasso_zeros_ridge_does_not),
    "interview-ml-high-variance": ("High variance", _deep_tree_overfits_pruned_tree_less),
    "interview-ml-leakage": ("on all rows, then splitting", _scaler_on_all_rows_sees_the_test_rows),
    "interview-ml-knn-k": ("Raises bias and lowers variance", _larger_k_smooths),
    "interview-ml-threshold": (
        "Raises precision and lowers recall",
        _higher_threshold_precision_up_recall_down,
    ),
    "interview-dl-dropout-eval": ("unchanged", _dropout_is_identity_in_eval),
    "interview-dl-relu": ("gradient is 1", _relu_keeps_gradients_sigmoid_shrinks_them),
    "interview-dl-residual": ("through the identity", _skip_connection_carries_the_gradient),
    "interview-dl-lr-too-high": ("Lower the learning rate", _too_high_learning_rate_diverges),
    "interview-ops-concept-drift": ("Concept drift", _concept_drift_hides_from_input_checks),
    "interview-py-slice": ("'rrsr'", _slice_backwards),
    "interview-py-float": ("False", _float_sum_is_not_exact),
    "interview-py-is-vs-eq": ("x == y, but x is not y", _equal_but_not_identical),
    "interview-py-lru-cache": ("Memoizes", _lru_cache_memoizes),
}
CONCEPT_ONLY = {  # practice and design choices that no short code shows; the explanations do
    "interview-sd-batch-vs-online",
    "interview-sd-shadow",
    "interview-sd-read-replicas",
    "interview-ops-skew",
    "interview-ops-canary",
    "interview-ops-registry",
    "interview-ops-reproduce",
    "interview-ops-point-in-time",
    "interview-py-gil",
}


def test_every_choice_card_is_demonstrated_or_marked_concept_only() -> None:
    assert_choices_classified(deck_cards(), CHOICE_DEMOS, CONCEPT_ONLY)


@pytest.mark.parametrize("card_id", sorted(CHOICE_DEMOS))
def test_choice_claim_holds_in_code(card_id: str) -> None:
    assert_claim_holds(card(card_id), CHOICE_DEMOS[card_id])


# -- the deck as a whole ----------------------------------------------------------------------


def test_deck_is_packaged_with_enough_cards_of_every_kind() -> None:
    assert set(all_decks()) == {DECK}
    deck = get_deck(DECK)
    assert tuple(deck.topics) == TOPICS
    cards = list(deck_cards().values())
    assert len(cards) >= ISSUE_MINIMUM
    assert set(Counter(c.kind for c in cards)) == {"choice", "number", "expression"}
    assert all(len(c.explanation) >= 40 for c in cards)
    assert all(c.deck == DECK and c.month == 0 for c in cards)
    assert all(re.search(r"decks/interview\.toml:\d+$", c.where) for c in cards)
    right = Counter(c.answer_index for c in cards if isinstance(c, ChoiceCard))
    assert len(right) >= 3  # the right choice is not always in the same place


def test_every_topic_has_its_share() -> None:
    by_topic: dict[str, list[Card]] = {t: [] for t in TOPICS}
    for c in deck_cards().values():
        by_topic[c.id.split("-")[1]].append(c)
    for topic, cards in by_topic.items():
        assert len(cards) >= 10, topic
        assert any(isinstance(c, NumberCard | ExpressionCard) for c in cards), topic
        assert any(isinstance(c, ChoiceCard) for c in cards), topic


def test_text_reads_as_plain_text_in_a_terminal() -> None:
    for c in deck_cards().values():
        texts = [c.prompt, c.explanation, *(c.choices if isinstance(c, ChoiceCard) else [])]
        for text in texts:
            assert not re.search(r"[$\\`]", text), f"{c.id}: {text!r}"  # no LaTeX, no markdown


def test_a_copied_prompt_is_not_an_answer() -> None:
    """An expression card whose question the safe evaluator can run would answer itself."""
    from airoadmap.quiz.safe_eval import EvalError, safe_eval

    for c in deck_cards().values():
        if not isinstance(c, ExpressionCard):
            continue
        asked = re.sub(r"^What is |\?.*$", "", c.prompt)
        try:
            safe_eval(asked)
        except EvalError:
            continue  # comprehensions, calls and dicts are refused: it must be worked out
        assert not judge(c, asked).correct, f"{c.id}: typing the question answers it"
