"""The packaged cards: valid, enough per month, a mix of kinds, and their answers recomputed
independently (NumPy, SciPy, scikit-learn, the standard library) rather than trusted."""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import stat
import statistics
from collections import Counter
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from airoadmap.curriculum.loader import load_curriculum
from airoadmap.quiz.answers import within
from airoadmap.quiz.loader import all_cards
from airoadmap.quiz.models import Card, ChoiceCard, ExpressionCard, NumberCard
from airoadmap.quiz.safe_eval import safe_eval, same_value
from airoadmap.quiz.validate import MIN_CARDS_PER_MONTH, validate_cards
from tests.quiz.test_m02_m06_answers import RECOMPUTE as RECOMPUTED_ELSEWHERE


def cards_by_id() -> dict[str, Card]:
    return {c.id: c for c in all_cards()}


def test_packaged_cards_are_valid() -> None:
    assert validate_cards(load_curriculum()) == []


@pytest.mark.parametrize("month", range(1, 7))
def test_each_month_has_enough_cards_of_every_kind(month: int) -> None:
    cards = [c for c in all_cards() if c.month == month]
    assert len(cards) >= MIN_CARDS_PER_MONTH
    kinds = Counter(c.kind for c in cards)
    assert set(kinds) == {"choice", "number", "expression"}, kinds
    assert all(len(c.explanation) >= 40 for c in cards)  # an explanation, not a word
    assert all(re.search(rf"m{month:02d}\.toml:\d+$", c.where) for c in cards)


# -- numbers and expressions, recomputed --------------------------------------------------


def _grad(f: Callable[..., float], point: tuple[float, ...], h: float = 1e-5) -> tuple:
    """Central differences: the gradient of f at point."""
    out = []
    for i in range(len(point)):
        up = list(point)
        down = list(point)
        up[i] += h
        down[i] -= h
        out.append((f(*up) - f(*down)) / (2 * h))
    return tuple(out)


def _gd(w: float, steps: int, lr: float = 0.1) -> float:
    for _ in range(steps):
        w -= lr * 2 * (w - 3)
    return w


def _confusion_arrays() -> tuple[np.ndarray, np.ndarray]:
    """y_true, y_pred with TP=40, FP=10, FN=20, TN=30."""
    pairs = [(1, 1)] * 40 + [(0, 1)] * 10 + [(1, 0)] * 20 + [(0, 0)] * 30
    arr = np.array(pairs)
    return arr[:, 0], arr[:, 1]


def _metric(name: str) -> float:
    from sklearn import metrics

    y, p = _confusion_arrays()
    return float(getattr(metrics, f"{name}_score")(y, p))


def _dice(
    pred: Callable[[int, int], bool], given: Callable[[int, int], bool] = lambda a, b: True
) -> Fraction:
    rolls = [r for r in itertools.product(range(1, 7), repeat=2) if given(*r)]
    return Fraction(sum(pred(*r) for r in rolls), len(rolls))


def _norm() -> Any:
    from scipy import stats

    return stats.norm


def _binom_pmf() -> float:
    from scipy import stats

    return float(stats.binom.pmf(2, 4, 0.5))


def _kfold(n_splits: int, n: int) -> tuple[int, int]:
    from sklearn.model_selection import KFold

    folds = list(KFold(n_splits).split(np.zeros(n)))
    return len(folds[0][1]), len(folds)


def _kfold_train(n_splits: int, n: int) -> int:
    from sklearn.model_selection import KFold

    return len(next(iter(KFold(n_splits).split(np.zeros(n))))[0])


def _pca_shape() -> tuple[int, ...]:
    from sklearn.decomposition import PCA

    x = np.random.default_rng(0).normal(size=(500, 20))
    return PCA(n_components=3).fit_transform(x).shape


def _pca_direction() -> tuple[float, ...]:
    from sklearn.decomposition import PCA

    rng = np.random.default_rng(0)
    t = rng.normal(size=200)
    x = np.c_[t, t] + rng.normal(scale=1e-4, size=(200, 2))
    return tuple(np.abs(PCA(n_components=1).fit(x).components_[0]))


def _scaled() -> float:
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit([[40.0], [60.0]])  # mean 50, std 10
    return float(scaler.transform([[65.0]])[0, 0])


def _imputed() -> float:
    from sklearn.impute import SimpleImputer

    imp = SimpleImputer(strategy="mean").fit([[1.0], [2.0], [3.0], [np.nan]])
    return float(imp.transform([[10.0], [np.nan]])[1, 0])


def _pipeline_names() -> list[str]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return [name for name, _ in make_pipeline(StandardScaler(), LogisticRegression()).steps]


def _grid_key() -> str:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    keys = Pipeline([("clf", LogisticRegression())]).get_params()
    return next(k for k in keys if k.startswith("clf__") and k.lower() == "clf__c")


def _grid_fits() -> int:
    from sklearn.model_selection import ParameterGrid

    return len(ParameterGrid({"C": [0.1, 1, 10], "penalty": ["l1", "l2"]})) * 5


def _onehot_columns() -> int:
    from sklearn.preprocessing import OneHotEncoder

    enc = OneHotEncoder(drop="first").fit([["red"], ["green"], ["blue"]])
    return int(enc.transform([["red"]]).shape[1])


def _mse() -> float:
    from sklearn.metrics import mean_squared_error

    return float(mean_squared_error([3, 4, 8], [2, 4, 6]))


def _always_negative_accuracy() -> float:
    from sklearn.metrics import accuracy_score

    y = np.r_[np.ones(100), np.zeros(9900)]
    return float(accuracy_score(y, np.zeros_like(y)))


RECOMPUTE: dict[str, Callable[[], Any]] = {
    # month 1
    "m01-python-slice": lambda: [10, 20, 30, 40, 50][1:4],
    "m01-python-floor-division": lambda: -7 // 2,
    "m01-python-comprehension": lambda: [x * x for x in range(5) if x % 2 == 0],
    "m01-python-string-slice": lambda: "airoadmap"[-3:],
    "m01-python-nested-loops": lambda: sum(1 for _ in range(1000) for _ in range(1000)),
    "m01-python-binary-search": lambda: math.ceil(math.log2(10**6 + 1)),
    "m01-git-hash-length": lambda: len(hashlib.sha1(b"any commit").hexdigest()),
    "m01-linux-chmod-digit": lambda: (stat.S_IRUSR | stat.S_IWUSR) >> 6,
    # month 2
    "m02-bayes-screening": lambda: float(
        Fraction(90, 100)
        * Fraction(1, 100)
        / (Fraction(90, 100) * Fraction(1, 100) + Fraction(5, 100) * Fraction(99, 100))
    ),
    "m02-at-least-one-head": lambda: float(
        Fraction(sum("H" in f for f in itertools.product("HT", repeat=3)), 8)
    ),
    "m02-binomial-two-of-four": _binom_pmf,
    "m02-dice-sum-seven": lambda: float(_dice(lambda a, b: a + b == 7)),
    "m02-dice-conditional": lambda: float(_dice(lambda a, b: a + b >= 10, lambda a, b: a == 6)),
    "m02-union-independent": lambda: 1 - (1 - 0.3) * (1 - 0.5),
    "m02-die-expectation": lambda: float(np.mean(np.arange(1, 7))),
    "m02-die-variance": lambda: float(np.var(np.arange(1, 7))),
    "m02-mean-median": lambda: (
        statistics.mean([2, 4, 4, 4, 5, 5, 7, 9]),
        statistics.median([2, 4, 4, 4, 5, 5, 7, 9]),
    ),
    "m02-variance-std": lambda: (
        statistics.pvariance([2, 4, 4, 4, 5, 5, 7, 9]),
        statistics.pstdev([2, 4, 4, 4, 5, 5, 7, 9]),
    ),
    "m02-z-score": lambda: float((185 - _norm()(170, 10).mean()) / _norm()(170, 10).std()),
    "m02-standard-error": lambda: float(np.std(np.r_[np.full(18, -12.0), np.full(18, 12.0)]) / 6),
    "m02-confidence-interval": lambda: float(_norm().interval(0.95, loc=50, scale=10 / 10)[1]),
    "m02-two-sided-p": lambda: float(2 * _norm().sf(1.96)),
    # month 3
    "m03-matmul-shape": lambda: (np.ones((3, 4)) @ np.ones((4, 2))).shape,
    "m03-gram-shape": lambda: (np.ones((100, 5)).T @ np.ones((100, 5))).shape,
    "m03-dot-product": lambda: int(np.dot([1, 2, 3], [4, -5, 6])),
    "m03-matrix-vector": lambda: (np.array([[1, 2], [3, 4]]) @ np.array([5, 6])).tolist(),
    "m03-vector-norm": lambda: float(np.linalg.norm([3, 4, 12])),
    "m03-linear-layer-params": lambda: np.zeros((3, 4)).size + np.zeros(3).size,
    "m03-eigenvalues-diagonal": lambda: tuple(np.linalg.eigvalsh(np.diag([2.0, 5.0]))),
    "m03-eigenvalues-symmetric": lambda: tuple(np.linalg.eigvalsh([[2.0, 1.0], [1.0, 2.0]])),
    "m03-derivative-polynomial": lambda: _grad(lambda x: 3 * x**2 + 2 * x, (2.0,))[0],
    "m03-derivative-chain-rule": lambda: _grad(lambda x: (2 * x + 1) ** 3, (1.0,))[0],
    "m03-gradient": lambda: _grad(lambda x, y: x**2 * y + 3 * y, (2.0, 1.0)),
    "m03-gradient-step": lambda: _gd(0.0, 1),
    "m03-gradient-two-steps": lambda: _gd(0.0, 2),
    # month 4
    "m04-accuracy": lambda: _metric("accuracy"),
    "m04-precision": lambda: _metric("precision"),
    "m04-recall": lambda: _metric("recall"),
    "m04-f1": lambda: _metric("f1"),
    "m04-accuracy-imbalanced": _always_negative_accuracy,
    "m04-mse": _mse,
    "m04-kfold-sizes": lambda: _kfold(5, 1000),
    "m04-kfold-train-size": lambda: _kfold_train(10, 500),
    # month 5
    "m05-kmeans-assign": lambda: int(
        np.argmin(np.linalg.norm(np.array([[0, 0], [10, 0]]) - [4, 3], axis=1))
    ),
    "m05-kmeans-update": lambda: tuple(np.mean([[1, 2], [3, 4], [5, 0]], axis=0)),
    "m05-inertia": lambda: float(
        np.sum((np.array([[1, 1], [3, 1], [2, 4]]) - np.mean([[1, 1], [3, 1], [2, 4]], 0)) ** 2)
    ),
    "m05-euclidean-distance": lambda: float(np.linalg.norm(np.subtract([1, 2, 3], [4, 6, 3]))),
    "m05-silhouette-value": lambda: (5 - 2) / max(2, 5),
    "m05-pca-explained": lambda: float(np.cumsum([6, 3, 1])[1] / 10),
    "m05-pca-how-many": lambda: (
        int(np.argmax(np.cumsum([0.5, 0.3, 0.1, 0.06, 0.04]) >= 0.9 - 1e-12)) + 1
    ),
    "m05-pca-output-shape": _pca_shape,
    "m05-pca-first-direction": _pca_direction,
    # month 6
    "m06-scaled-test-value": _scaled,
    "m06-imputation-value": _imputed,
    "m06-make-pipeline-names": _pipeline_names,
    "m06-grid-param-name": _grid_key,
    "m06-grid-fits": _grid_fits,
    "m06-onehot-drop-first": _onehot_columns,
    "m06-cv-mean": lambda: float(np.mean([0.80, 0.82, 0.78, 0.85, 0.75])),
}


def test_every_number_and_expression_card_is_recomputed() -> None:
    computed = {  # month 7 on: tests/quiz/test_mNN_answers.py recomputes them with torch
        c.id for c in all_cards() if isinstance(c, NumberCard | ExpressionCard) and c.month <= 6
    }
    elsewhere = set(RECOMPUTED_ELSEWHERE)  # issue 14's cards: tests/quiz/test_m02_m06_answers.py
    assert computed - set(RECOMPUTE) - elsewhere == set(), "add a recomputation for these cards"
    assert set(RECOMPUTE) - computed == set(), "stale entries"


@pytest.mark.parametrize("card_id", sorted(RECOMPUTE))
def test_answer_matches_an_independent_computation(card_id: str) -> None:
    card = cards_by_id()[card_id]
    value = RECOMPUTE[card_id]()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(card, NumberCard):
        assert within(card, float(value)), f"{card_id}: card says {card.answer}, computed {value}"
    else:
        assert isinstance(card, ExpressionCard)
        expected = safe_eval(card.answer)
        assert same_value(value, expected, rel_tol=max(card.tolerance, 1e-6)), (
            f"{card_id}: card says {expected!r}, computed {value!r}"
        )


# -- multiple choice facts that code can confirm -------------------------------------------


def _mutable_default() -> str:
    def add(item: int, items: list[int] = []) -> list[int]:  # noqa: B006 - the point
        items.append(item)
        return items

    add(1)
    return str(add(2))


def _matmul_mismatch() -> str:
    try:
        np.ones((3, 4)) @ np.ones((3, 4))
    except ValueError:
        return "an error: the inner sizes 4 and 3 differ"
    return "no error"


def _onehot_unknown() -> str:
    from sklearn.preprocessing import OneHotEncoder

    enc = OneHotEncoder(handle_unknown="ignore").fit([["a"], ["b"]])
    row = enc.transform([["z"]]).toarray()
    return "As a row of zeros in that feature's columns" if not row.any() else str(row)


CHOICE_FACTS: dict[str, Callable[[], str]] = {
    "m01-python-mutable-default": _mutable_default,
    "m01-python-float-equality": lambda: str(0.1 + 0.2 == 0.3),
    "m01-python-dict-get": lambda: repr({"a": 1}.get("b", 0)),
    "m01-linux-chmod-group": lambda: {"r-x": "read and execute"}.get(
        stat.filemode(0o100754)[4:7], "?"
    ),
    "m03-matmul-mismatch": _matmul_mismatch,
    "m03-elementwise-product": lambda: (
        "the element-wise product"
        if (np.array([[1, 2], [3, 4]]) * np.array([[1, 2], [3, 4]]) == [[1, 4], [9, 16]]).all()
        else "?"
    ),
    "m06-onehot-unknown": _onehot_unknown,
}


@pytest.mark.parametrize("card_id", sorted(CHOICE_FACTS))
def test_choice_answer_matches_what_the_code_does(card_id: str) -> None:
    card = cards_by_id()[card_id]
    assert isinstance(card, ChoiceCard)
    assert card.choices[card.answer_index] == CHOICE_FACTS[card_id]()


# -- validation catches broken cards -------------------------------------------------------

BROKEN = """\
format_version = 1
month = 2

[[cards]]
id = "m02-dup"
kind = "choice"
prompt = "?"
choices = ["x", "y", "z"]
answer = "e"
explanation = "."

[[cards]]
id = "m02-dup"
kind = "choice"
prompt = "?"
choices = ["x", "x"]
answer = 1
explanation = "."

[[cards]]
id = "m03-wrong-month"
kind = "number"
prompt = "?"
answer = 0.5
tolerance = 0
explanation = "."

[[cards]]
id = "m02-no-tolerance"
kind = "number"
prompt = "?"
answer = 0.5
explanation = "."

[[cards]]
id = "m02-bad-formula"
kind = "number"
prompt = "?"
answer = 0.5
rel_tolerance = 0.01
formula = "1 / 3"
explanation = "."

[[cards]]
id = "m02-unsafe"
kind = "expression"
prompt = "?"
answer = "__import__('os').getcwd()"
tolerance = -1
explanation = "."
"""


def _write(root: Path, name: str, text: str) -> Path:
    path = root / "quiz" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_validation_reports_each_problem_with_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "m01.toml", BROKEN)
    problems = validate_cards(load_curriculum(), tmp_path)
    text = "\n".join(problems)
    expected = [
        (1, "month = 2 but the file is m01.toml"),
        (1, "6 cards; a month needs at least 15"),
        (9, "answer 'e' is not one of the 3 choices"),
        (13, "card id 'm02-dup' is used twice (first at"),
        (16, "two choices are the same"),
        (21, "card id 'm03-wrong-month' must start with 'm02-'"),
        (25, "tolerance must be > 0, got 0.0"),
        (32, "give `tolerance` (absolute) or `rel_tolerance`"),
        (39, "differs from its formula's 0.3333333333"),
        (48, "does not evaluate under the safe evaluator"),
        (49, "tolerance must be > 0, got -1.0"),
    ]
    for line, what in expected:
        assert any(p.startswith(f"{path}:{line}: ") and what in p for p in problems), (
            f"line {line}: {what!r} not in\n{text}"
        )
    assert len(problems) == len(expected), text
    assert all("\n" not in p for p in problems)


def test_validation_reports_a_file_that_does_not_load(tmp_path: Path) -> None:
    good = _write(tmp_path, "m01.toml", BROKEN.replace("month = 2", "month = 1"))
    bad = _write(tmp_path, "m02.toml", "format_version = 1\nmonth = 2\n[[cards]]\nid = \n")
    kinds = _write(tmp_path, "m03.toml", BROKEN.replace('kind = "choice"', 'kind = "essay"', 1))
    problems = validate_cards(load_curriculum(), tmp_path)
    assert any(p.startswith(f"{bad}:4: invalid TOML") for p in problems), problems
    assert any(p.startswith(f"{kinds}:") and "essay" in p for p in problems), problems
    assert any(p.startswith(f"{good}:") for p in problems)


def test_validation_of_a_good_file_is_empty(tmp_path: Path) -> None:
    cards = "\n".join(
        f'[[cards]]\nid = "m04-q{i}"\nkind = "expression"\nprompt = "{i} + 1?"\n'
        f'answer = "{i + 1}"\nexplanation = "Addition."\n'
        for i in range(15)
    )
    _write(tmp_path, "m04.toml", f"format_version = 1\nmonth = 4\n\n{cards}")
    assert validate_cards(load_curriculum(), tmp_path) == []
