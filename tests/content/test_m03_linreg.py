"""m03-linreg: what is specific to this exercise.

The held-back submissions (submissions/m03_linreg/alt_*.py pass, wrong_*.py each FAIL the check
their docstring names) run in tests/content/test_submissions.py. Here:
- the contract table (submissions/m03_linreg/contract.toml, run by test_contracts.py) covers
  every method and option: its rows restricted to each (`only`, built by _only.py);
- the checks that depend on SGD's random order give the same verdict in every one of 3 runs, and
  the numbers behind their stated power;
- every formula in the hints agrees with the brief's loss (issue item 13), and the brief says
  only what is true (item 17);
- the reference solution beyond what the checks ask.
"""

from __future__ import annotations

import re
from itertools import permutations, product
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir
from tests.content.contracts import Row, exercise, load, load_checks, load_module

EXERCISE_ID = "m03-linreg"
EXERCISE = exercise_dir(EXERCISE_ID)
TABLE = load(EXERCISE_ID)
CONTRACT = TABLE.rows
SUBMISSIONS = TABLE.folder
SOLUTION = EXERCISE / "solution" / "linreg.py"


# --- the contract table ----------------------------------------------------------------------


def test_contract_table_covers_every_method_and_option() -> None:
    """The option-dependent points are checked under every method (and intercept setting)."""
    for point, methods in {
        "fit returns self": ("normal", "gd", "sgd"),
        "coef_ is an array of shape (n_features,)": ("normal", "gd", "sgd"),
        "intercept_ is a float": ("normal", "gd", "sgd"),
        "intercept_ is 0.0 with fit_intercept=False": ("normal", "gd", "sgd"),
        "predict computes X_new @ coef_ + intercept_ for any new X": ("normal", "gd", "sgd"),
        "score is R^2": ("normal", "gd", "sgd"),
        "loss_history_ is a list": ("normal", "gd", "sgd"),
        "predict before fit raises an error that says to call fit": ("normal", "gd", "sgd"),
        "loss_history_ has exactly n_iters entries": ("gd", "sgd"),
        "alpha < 0 raises ValueError in fit, naming alpha": ("normal", "gd", "sgd"),
        "learning_rate <= 0 raises ValueError in fit, naming learning_rate": ("gd", "sgd"),
        "n_iters < 1 raises ValueError in fit, naming n_iters": ("gd", "sgd"),
        "fit: an X that is not 2-D raises ValueError saying so": ("normal", "gd", "sgd"),
        "fit: an X with no rows or no columns raises ValueError saying so": ("normal", "gd", "sgd"),
        "fit: NaN or infinity in X or y raises ValueError saying so": ("normal", "gd", "sgd"),
        "fit: a y that is not 1-D (a column too) raises ValueError saying so": (
            "normal", "gd", "sgd",
        ),
        "fit: a y without one value per row of X raises ValueError saying so": (
            "normal", "gd", "sgd",
        ),
        "predict: an X with another number of features than in fit raises ValueError saying so": (
            "normal", "gd", "sgd",
        ),
        "predict: X is checked as in fit (2-D, not empty, finite)": ("normal", "gd", "sgd"),
        "score: y is checked as in fit (1-D, one value per row, finite)": ("normal", "gd", "sgd"),
        "a diverging fit raises ValueError saying to lower learning_rate": ("gd", "sgd"),
        "a constant column does not break the fit: the closed form's predictions": ("gd", "sgd"),
        "score of a constant y: no division by 0 (1.0 or 0.0, never NaN)": ("normal", "gd", "sgd"),
    }.items():
        rows = [row for row in CONTRACT if row.point == point]
        for method in methods:
            assert any(f'"{method}"' in row.only for row in rows), (point, method)
    cells = {(m, fi, a) for m, fi, a in product(("gd", "sgd"), (True, False), ("== 0", "> 0"))}
    seen = {
        (m, fi, a)
        for row in CONTRACT
        if row.wrong == "wrong_history_doubled"
        for m, fi, a in cells
        if row.only == f'self.method == "{m}" and self.fit_intercept is {fi} and self.alpha {a}'
    }
    assert seen == cells
    mutated = {row.only for row in CONTRACT if row.wrong == "wrong_fit_mutates_input"}
    assert len(mutated) == 6  # 3 methods x fit_intercept True / False
    for wrong in ("wrong_divergence_unchecked", "wrong_constant_column_divides_by_zero"):
        options = {row.only for row in CONTRACT if row.wrong == wrong}
        assert options == {
            f'self.method == "{m}" and self.fit_intercept is {fi}'
            for m, fi in product(("gd", "sgd"), (True, False))
        }


def test_restricting_a_wrong_submission_to_other_options_makes_it_pass() -> None:
    """The restriction is real: the same wrong behaviour under no option the check tries passes."""
    row = Row("fit returns self", "-", "fit_returns_self", "wrong_fit_returns_none",
              only='self.method == "newton"')  # fmt: skip
    result = TABLE.run(row)
    assert result.outcome("fit_returns_self") == "PASS", result.failures()


# --- statistical checks: deterministic, with the power they state ---------------------------

# Runs per submission: a check that drew anything unseeded would give two verdicts within a few.
RUNS = 3
STATISTICAL = (
    "sgd_converges",
    "sgd_ridge",
    "constant_feature",
    "sgd_reproducible",
    "sgd_random_order",
    "sgd_epochs",
    "loss_history_trace",
    "learning_rate_used",
)


@pytest.mark.slow
@pytest.mark.parametrize("check", STATISTICAL)
def test_statistical_check_gives_the_same_verdict_every_run(check: str) -> None:
    """The solution and the alternatives PASS, and each wrong submission of the table FAILs,
    in every one of RUNS runs: the checks seed every random choice they make, and a learner's
    SGD is judged on fixed seeds."""
    subjects: dict[str, Path | str] = {"solution": SOLUTION}
    subjects.update({p.stem: p for p in sorted(SUBMISSIONS.glob("alt_*.py"))})
    for i, row in enumerate(CONTRACT):
        # The rows of these two checks that do not involve SGD are deterministic by design.
        mixed = check in ("loss_history_trace", "learning_rate_used", "constant_feature")
        if row.check == check and (not mixed or "sgd" in row.wrong + row.only):
            subjects[f"{row.wrong}-{i}"] = TABLE.submission(row)
    expected = {name: "PASS" if not name.startswith("wrong_") else "FAIL" for name in subjects}
    for _ in range(RUNS):
        for name, source in subjects.items():
            result = run_inprocess(EXERCISE_ID, {"linreg.py": source}, only=[check])
            assert result.outcome(check) == expected[name], (name, result.failures())


def _rr_sgd(X: np.ndarray, y: np.ndarray, lr: float, orders: list[Any]) -> np.ndarray:
    """Plain SGD without intercept on raw features, one epoch per order: what the brief asks."""
    w = np.zeros(X.shape[1])
    for order in orders:
        for i in order:
            w = w + lr * (y[i] - X[i] @ w) * X[i]
    return w


SCHEMES = {  # ways a correct SGD may draw an epoch's order from its generator
    "permutation": lambda rng, n: rng.permutation(n),
    "shuffle": lambda rng, n: (lambda a: (rng.shuffle(a), a)[1])(np.arange(n)),
    "argsort": lambda rng, n: np.argsort(rng.random(n)),
    "choice": lambda rng, n: rng.choice(n, size=n, replace=False),
}


def test_power_of_the_seed_test_on_two_samples() -> None:
    """sgd_random_order, first part: the 8 order sequences of 3 epochs on its two samples give
    8 different models, so six seeds agree only if they draw the same sequence, with probability
    8 * (1/8)^6 = 3.05e-5 <= 0.1%; and with the usual ways of drawing orders, seeds 0 to 5 do
    not all draw the same one (the verdict of a correct SGD is PASS, deterministically)."""
    checks = load_checks(EXERCISE_ID, "m03_linreg_checks_power")
    X, y = checks._two_samples()
    ends = {
        tuple(np.round(_rr_sgd(X, y, 0.1, list(seq)), 12))
        for seq in product(permutations(range(2)), repeat=3)
    }
    assert len(ends) == 8
    assert 8 * (1 / 8) ** 6 <= 1e-3
    for scheme in SCHEMES.values():
        drawn = set()
        for seed in range(6):
            rng = np.random.default_rng(seed)
            drawn.add(tuple(tuple(scheme(rng, 2)) for _ in range(3)))
        assert len(drawn) > 1


def test_power_of_the_fresh_order_test() -> None:
    """sgd_random_order, second part: a fixed order settles into a cycle, so one more epoch
    moves the model by less than 1e-12 (caught always); fresh orders keep it moving by far more
    than FRESH_MIN (200 simulated correct runs here, 3000 when the bar was set)."""
    checks = load_checks(EXERCISE_ID, "m03_linreg_checks_fresh")
    X, y = checks._fresh_order_data()
    Xb = np.column_stack([X, np.ones(len(y))])  # the intercept as a weight (same SGD steps)
    k = checks.FRESH_K
    rng = np.random.default_rng(0)
    fixed = [rng.permutation(len(y))] * (k + 1)
    cycle = np.max(np.abs(_rr_sgd(Xb, y, 0.1, fixed) - _rr_sgd(Xb, y, 0.1, fixed[:k])))
    assert cycle < 1e-12
    moves = []
    for seed in range(200):
        rng = np.random.default_rng(seed)
        orders = [rng.permutation(len(y)) for _ in range(k + 1)]
        moves.append(np.max(np.abs(_rr_sgd(Xb, y, 0.1, orders) - _rr_sgd(Xb, y, 0.1, orders[:k]))))
    assert min(moves) > 1000 * checks.FRESH_MIN


def test_power_of_the_visit_count_test() -> None:
    """sgd_epochs: every correct order scheme gives the same model for two seeds on one-hot rows
    (exactly, whatever the order); with replacement both seeds draw the same visit counts with
    probability at most 36! / (3!^12 * 12^36) = 2.4e-7."""
    checks = load_checks(EXERCISE_ID, "m03_linreg_checks_onehot")
    X, y = checks._one_hot()
    for scheme in SCHEMES.values():
        models = [
            _rr_sgd(X, y, 1 / 48, [scheme(rng, 12) for _ in range(3)])
            for rng in (np.random.default_rng(0), np.random.default_rng(1))
        ]
        np.testing.assert_array_equal(models[0], models[1])
    from math import factorial

    bound = factorial(36) / (factorial(3) ** 12 * 12**36)
    assert bound == pytest.approx(2.41e-7, rel=1e-2)


# --- item 13: every formula of the hints agrees with the brief's loss ------------------------

BACKTICKS = re.compile(r"`([^`\n]+)`")
FENCED = re.compile(r"```python\n(.*?)```", re.S)
# A span that mentions one of these is a formula and must be listed in FORMULAS below.
FORMULA_TOKENS = (
    "alpha",
    "grad",
    "loss",
    "X.T",
    "np.linalg",
    "/ n",
    "(2 * n)",
    "mean()",
    "_mean",
    "r_i",
)
# Names and settings, not formulas.
SETTING = re.compile(r"(Ridge\()?alpha(\s*=\s*[\d.]+)?\)?|np\.linalg\.\w+|loss_history_")
# Formula-like prose outside backticks (the old hint wrote "2 * alpha * w" in plain text).
PROSE_MATH = re.compile(r"\balpha\s*[*/]|[*/]\s*\(?\s*alpha\b|\bgrad_[wb]\s*=")

# Each formula the hints and the brief state, and what it claims to be.
FORMULAS = {
    "(r @ r + alpha * (w @ w)) / (2 * n)": "loss",
    "(r @ r) / (2 * n)": "loss_alpha0",
    "(alpha / n) * w": "penalty_gradient",
    "grad_w = -(X.T @ r) / n + (alpha / n) * w": "gradient_w",
    "grad_w = -(X.T @ r) / n": "gradient_w_alpha0",
    "grad_b = -r.mean()": "gradient_b",
    "r = y - X @ w - b; grad_w = -(X.T @ r) / n + (alpha / n) * w; grad_b = -r.mean()": (
        "gradient"
    ),
    "w = w - learning_rate * grad_w": "gd_update_w",
    "b = b - learning_rate * grad_b": "gd_update_b",
    "w = w - lr * grad_w; b = b - lr * grad_b; r = y - X @ w - b; "
    "loss = (r @ r + alpha * (w @ w)) / (2 * n)": "update_then_loss",
    "for _ in range(self.n_iters): r = y - X @ w - b; w = w - lr * (-(X.T @ r) / n + "
    "(alpha / n) * w); b = b - lr * (-r.mean()); r = y - X @ w - b; "
    "self.loss_history_.append(float(r @ r + alpha * (w @ w)) / (2 * n))": "gd_loop",
    "for i in rng.permutation(n): r_i = y[i] - X[i] @ w - b; w = w + lr * (r_i * X[i] - "
    "(alpha / n) * w); b = b + lr * r_i": "sgd_epoch",
    "w = w + learning_rate * (r_i * X[i] - (alpha / n) * w)\n"
    "b = b + learning_rate * r_i  # only when fit_intercept\n": "sgd_step",
    "loss = (r @ r + alpha * (w @ w)) / (2 * n)\n": "loss",
    "w = np.linalg.solve(X.T @ X, X.T @ y)": "minimiser_no_intercept_alpha0",
    "w = np.linalg.solve(X.T @ X + alpha * np.eye(n_features), X.T @ y)": (
        "minimiser_no_intercept"
    ),
    "Xc = X - X.mean(axis=0); yc = y - y.mean(); w = np.linalg.solve(Xc.T @ Xc, Xc.T @ yc); "
    "b = y.mean() - X.mean(axis=0) @ w": "minimiser_alpha0",
    "w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(n_features), Xc.T @ yc); "
    "b = y_mean - x_mean @ w": "minimiser",
    "b = y_mean - x_mean @ w": "intercept",
    "r_i = y[i] - X[i] @ w - b": "residual_i",
}


def hint_texts() -> list[str]:
    return [tier for group in exercise(EXERCISE_ID).hints for tier in group.tiers]


def brief_text() -> str:
    return (EXERCISE / "brief.md").read_text(encoding="utf-8")


def formula_spans() -> list[str]:
    """Every formula-like span of the hints (backticks) and the brief (backticks, code blocks)."""
    brief = brief_text()
    blocks = FENCED.findall(brief)
    inline = BACKTICKS.findall(FENCED.sub("", brief))
    spans = [s for text in hint_texts() for s in BACKTICKS.findall(text)] + inline + blocks
    return [
        s
        for s in spans
        if any(t in s for t in FORMULA_TOKENS)
        and not SETTING.fullmatch(s.strip())
        and "LinearRegression(" not in s  # the contract's code block
    ]


class Problem:
    """Random data with non-zero means, a point (w, b), and the brief's loss around them."""

    def __init__(self, seed: int = 3) -> None:
        rng = np.random.default_rng(seed)
        self.n, self.p = 9, 3
        self.X = rng.normal(size=(self.n, self.p)) + rng.uniform(-2.0, 2.0, self.p)
        self.y = rng.normal(size=self.n) + 1.5
        self.w = rng.normal(size=self.p)
        self.b = float(rng.normal())
        self.alpha, self.lr = 0.7, 0.05
        code = re.search(r"```python\n(loss = [^\n]+)\n```", brief_text())
        assert code is not None, "the brief states the loss as a line of NumPy"
        self.loss_code = code.group(1)

    def loss(self, w: np.ndarray, b: float, alpha: float) -> float:
        """L as the brief writes it: its line of NumPy, with r = y - X @ w - b."""
        ns = {"r": self.y - self.X @ w - b, "w": w, "alpha": alpha, "n": self.n, "np": np}
        exec(self.loss_code, ns)
        return float(ns["loss"])

    def gradient(self, w: np.ndarray, b: float, alpha: float) -> tuple[np.ndarray, float]:
        """Central differences of the brief's L (no formula of the hints used)."""
        theta, eps = np.append(w, b), 1e-6
        g = np.empty(theta.size)
        for k in range(theta.size):
            step = np.zeros(theta.size)
            step[k] = eps
            up, down = theta + step, theta - step
            g[k] = (self.loss(up[:-1], up[-1], alpha) - self.loss(down[:-1], down[-1], alpha)) / (
                2 * eps
            )
        return g[:-1], float(g[-1])

    def minimiser(self, alpha: float, intercept: bool) -> tuple[np.ndarray, float]:
        x_mean = self.X.mean(axis=0) if intercept else np.zeros(self.p)
        y_mean = float(self.y.mean()) if intercept else 0.0
        A = np.vstack([self.X - x_mean, np.sqrt(alpha) * np.eye(self.p)])
        t = np.concatenate([self.y - y_mean, np.zeros(self.p)])
        w = np.linalg.lstsq(A, t, rcond=None)[0]
        return w, y_mean - float(x_mean @ w)

    def namespace(self, **extra: Any) -> dict[str, Any]:
        X, y, w, b = self.X, self.y, self.w.copy(), self.b
        x_mean, y_mean = X.mean(axis=0), float(y.mean())
        ns: dict[str, Any] = {
            "np": np, "X": X, "y": y, "w": w, "b": b, "n": self.n, "n_features": self.p,
            "alpha": self.alpha, "lr": self.lr, "learning_rate": self.lr,
            "r": y - X @ w - b, "x_mean": x_mean, "y_mean": y_mean,
            "Xc": X - x_mean, "yc": y - y_mean,
        }  # fmt: skip
        ns.update(extra)
        return ns


def verify(span: str, kind: str, pb: Problem) -> None:
    """Fail unless the formula `span` is what `kind` says, for the brief's loss."""
    close = {"rtol": 1e-5, "atol": 1e-7}
    w0, b0, alpha = pb.w, pb.b, pb.alpha
    gw, gb = pb.gradient(w0, b0, alpha)
    if kind in ("loss", "loss_alpha0"):
        a = 0.0 if kind == "loss_alpha0" else alpha
        ns = pb.namespace(alpha=a)
        if span.startswith("loss ="):
            exec(span, ns)
            value = ns["loss"]
        else:
            value = eval(span, ns)
        np.testing.assert_allclose(value, pb.loss(w0, b0, a), **close)
    elif kind == "penalty_gradient":
        g0, _ = pb.gradient(w0, b0, 0.0)
        np.testing.assert_allclose(eval(span, pb.namespace()), gw - g0, **close)
    elif kind.startswith("gradient"):
        a = 0.0 if kind.endswith("alpha0") else alpha
        gw_a, gb_a = pb.gradient(w0, b0, a)
        ns = pb.namespace(alpha=a)
        exec(span, ns)
        assert "grad_w" in ns or "grad_b" in ns, span
        if "grad_w" in ns:
            np.testing.assert_allclose(ns["grad_w"], gw_a, **close)
        if "grad_b" in ns:
            np.testing.assert_allclose(ns["grad_b"], gb_a, **close)
    elif kind in ("gd_update_w", "gd_update_b", "update_then_loss"):
        ns = pb.namespace(grad_w=gw, grad_b=gb)
        exec(span, ns)
        if kind != "gd_update_b":
            np.testing.assert_allclose(ns["w"], w0 - pb.lr * gw, **close)
        if kind != "gd_update_w":
            np.testing.assert_allclose(ns["b"], b0 - pb.lr * gb, **close)
        if kind == "update_then_loss":
            np.testing.assert_allclose(ns["loss"], pb.loss(ns["w"], ns["b"], alpha), **close)
    elif kind == "gd_loop":
        model = SimpleNamespace(n_iters=1, loss_history_=[])
        ns = pb.namespace()
        ns["self"] = model
        exec(span, ns)
        np.testing.assert_allclose(ns["w"], w0 - pb.lr * gw, **close)
        np.testing.assert_allclose(ns["b"], b0 - pb.lr * gb, **close)
        np.testing.assert_allclose(model.loss_history_[-1], pb.loss(ns["w"], ns["b"], alpha))
    elif kind in ("sgd_epoch", "sgd_step"):
        # One sample's step, from the same point, for every sample: their mean is a full
        # gradient step on L (each sample's share of the loss has the mean L).
        moves_w, moves_b = [], []
        for i in range(pb.n):
            ns = pb.namespace(i=i, r_i=pb.y[i] - pb.X[i] @ w0 - b0)
            ns["rng"] = SimpleNamespace(permutation=lambda n, i=i: [i])
            exec(span, ns)
            moves_w.append(ns["w"] - w0)
            moves_b.append(ns["b"] - b0)
        np.testing.assert_allclose(np.mean(moves_w, axis=0), -pb.lr * gw, **close)
        np.testing.assert_allclose(np.mean(moves_b), -pb.lr * gb, **close)
    elif kind.startswith("minimiser") or kind == "intercept":
        a = 0.0 if kind.endswith("alpha0") else alpha
        with_b = "no_intercept" not in kind
        w_star, b_star = pb.minimiser(a, with_b)
        # The minimiser is where the brief's loss is flat (its central differences vanish).
        g_w, g_b = pb.gradient(w_star, b_star, a)
        np.testing.assert_allclose(np.append(g_w, g_b if with_b else 0.0), 0.0, atol=1e-6)
        ns = pb.namespace(alpha=a, w=w_star)
        exec(span, ns)
        np.testing.assert_allclose(ns["w"], w_star, **close)
        if "b" in span.split(";")[-1] and kind != "minimiser_no_intercept":
            np.testing.assert_allclose(ns["b"], b_star, **close)
    elif kind == "residual_i":
        for i in range(pb.n):
            ns = pb.namespace(i=i)
            exec(span, ns)
            np.testing.assert_allclose(ns["r_i"], ns["r"][i], **close)
    else:
        raise AssertionError(f"unknown kind {kind}")


def test_every_formula_of_the_hints_and_the_brief_is_listed() -> None:
    spans = formula_spans()
    unlisted = sorted({s for s in spans if s not in FORMULAS})
    assert not unlisted, f"formulas to add to FORMULAS (and so to verify): {unlisted}"
    stale = sorted(set(FORMULAS) - set(spans))
    assert not stale, f"FORMULAS lists formulas no hint or brief states: {stale}"


@pytest.mark.parametrize("span", sorted(FORMULAS), ids=lambda s: FORMULAS[s])
def test_formula_agrees_with_the_briefs_loss(span: str) -> None:
    verify(span, FORMULAS[span], Problem())


def test_no_formula_hides_in_the_prose_of_a_hint() -> None:
    for text in hint_texts():
        prose = BACKTICKS.sub("", text)
        assert not PROSE_MATH.search(prose), f"put this formula in backticks: {text}"


def test_a_wrong_formula_is_caught() -> None:
    """The old tier-1 hint, 2 * alpha * w for the penalty's gradient, disagrees with the loss."""
    with pytest.raises(AssertionError):
        verify("2 * alpha * w", "penalty_gradient", Problem())
    with pytest.raises(AssertionError):
        verify("grad_w = -(X.T @ r) / n + alpha * w", "gradient_w", Problem())


def test_the_checks_use_the_briefs_loss() -> None:
    checks = load_checks(EXERCISE_ID, "m03_linreg_checks_loss")
    pb = Problem(5)
    assert checks._loss(pb.w, pb.b, pb.X, pb.y, pb.alpha) == pytest.approx(
        pb.loss(pb.w, pb.b, pb.alpha), rel=1e-12
    )


# --- item 17: the brief and the starter say only what is true --------------------------------


def test_brief_and_starter_do_not_say_the_checks_import_scikit_learn() -> None:
    checks = (EXERCISE / "checks.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+sklearn", checks, re.M)
    for path in (EXERCISE / "brief.md", EXERCISE / "starter" / "linreg.py"):
        text = path.read_text(encoding="utf-8")
        assert "checks import scikit-learn" not in text
        assert "compare your results with it" not in text


def test_brief_names_every_forbidden_library_kind() -> None:
    ex = exercise(EXERCISE_ID)
    assert {"sklearn", "scipy", "statsmodels"} <= set(ex.forbidden_imports)
    assert ex.use_instead == "NumPy"
    brief = brief_text()
    for shown in ("scikit-learn", "SciPy", "statsmodels", "importlib"):
        assert shown in brief


# --- the reference solution beyond the checks ------------------------------------------------


@pytest.fixture(scope="module")
def solution() -> type:
    return load_module(SOLUTION, "m03_linreg_solution").LinearRegression  # type: ignore[no-any-return]


def test_solution_handles_redundant_features_as_sklearn(solution: type) -> None:
    from sklearn.linear_model import LinearRegression, Ridge

    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3)) + 5.0
    X = np.column_stack([X, X[:, 0] - 2.0 * X[:, 1]])  # exactly redundant: rank 3 of 4
    y = X[:, :3] @ [1.0, 2.0, -1.0] + 4.0 + rng.normal(size=50)
    ours = solution().fit(X, y)
    ref = LinearRegression().fit(X, y)  # minimum-norm least squares
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-8)
    ridge = solution(alpha=1e-12).fit(X, y)
    np.testing.assert_allclose(ridge.predict(X), Ridge(alpha=1e-12).fit(X, y).predict(X), rtol=1e-6)


def test_solution_errors_say_what_to_do(solution: type) -> None:
    X = np.ones((4, 2))
    y = np.arange(4.0)
    with pytest.raises(ValueError, match="call fit"):
        solution().predict(X)
    with pytest.raises(ValueError, match="method must be one of"):
        solution(method="newton").fit(X, y)
    with pytest.raises(ValueError, match=r"reshape\(-1, 1\)"):
        solution().fit(np.arange(4.0), y)
    with pytest.raises(ValueError, match="NaN"):
        solution().fit(np.array([[1.0], [np.nan]]), [1.0, 2.0])
    with pytest.raises(ValueError, match="4 rows but y has 3"):
        solution().fit(X, y[:3])
    with pytest.raises(ValueError, match="fitted with 2"):
        solution().fit(X, y).predict(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"y\.ravel\(\)"):
        solution().fit(X, y.reshape(-1, 1))
    with pytest.raises(ValueError, match="4 rows but y has 3"):
        solution().fit(X, y).score(X, y[:3])
    with pytest.raises(ValueError, match="lower learning_rate"):
        rng = np.random.default_rng(0)
        solution(method="gd", learning_rate=50.0).fit(rng.normal(size=(30, 2)), rng.normal(size=30))


def test_solution_descent_matches_closed_form_on_raw_features(solution: type) -> None:
    """Internal standardisation: GD converges on features of very different scales."""
    rng = np.random.default_rng(1)
    scales = np.array([1.0, 100.0, 0.01])
    for alpha, fit_intercept in ((0.0, True), (5.0, True), (5.0, False)):
        offsets = np.array([10.0, -500.0, 0.0]) if fit_intercept else np.zeros(3)
        X = rng.normal(size=(200, 3)) * scales + offsets
        y = X @ [1.0, 0.02, 50.0] + 7.0 * fit_intercept + 0.1 * rng.normal(size=200)
        exact = solution(alpha=alpha, fit_intercept=fit_intercept).fit(X, y)
        gd = solution(
            method="gd", learning_rate=0.3, n_iters=3000, alpha=alpha, fit_intercept=fit_intercept
        ).fit(X, y)
        np.testing.assert_allclose(gd.coef_, exact.coef_, rtol=1e-6)
        np.testing.assert_allclose(gd.intercept_, exact.intercept_, rtol=1e-6, atol=1e-9)
        assert gd.loss_history_[-1] <= gd.loss_history_[0]
    assert solution().fit(X, y).loss_history_ == []


def test_solution_score_of_constant_target(solution: type) -> None:
    """The brief's convention for a constant y is scikit-learn's r2_score (checked here, with
    the scikit-learn of this environment), and the solution follows it."""
    from sklearn.metrics import r2_score

    X = np.arange(6.0).reshape(-1, 1)
    constant = np.full(6, 3.0)
    model = solution().fit(X, constant)
    assert model.score(X, constant) == 1.0 == r2_score(constant, model.predict(X))
    other = solution().fit(X, np.arange(6.0))
    assert other.score(X, constant) == 0.0 == r2_score(constant, other.predict(X))


def test_solution_metric_is_the_one_the_bar_was_set_on() -> None:
    result = run_inprocess(EXERCISE_ID, {"linreg.py": SOLUTION}, only=["holdout_r2"])
    assert result.metrics["r2_holdout"] == pytest.approx(0.9049, abs=1e-4)


@pytest.mark.parametrize(
    ("alpha", "fit_intercept"), [(0.0, True), (0.0, False), (10.0, True), (3.0, False)]
)
def test_checks_reference_equals_sklearn(alpha: float, fit_intercept: bool) -> None:
    """The checks' own least-squares reference is scikit-learn's fit of the same objective."""
    from sklearn.linear_model import LinearRegression, Ridge

    checks = load_checks(EXERCISE_ID, "m03_linreg_checks_reference")
    rng = np.random.default_rng(7)
    X = rng.normal(3.0, 2.0, size=(200, 6))
    y = X @ rng.normal(size=6) + 5.0 + rng.normal(size=200)
    coef, intercept = checks._reference(X, y, alpha=alpha, fit_intercept=fit_intercept)
    sk = (
        Ridge(alpha=alpha, fit_intercept=fit_intercept)
        if alpha
        else LinearRegression(fit_intercept=fit_intercept)
    ).fit(X, y)
    np.testing.assert_allclose(coef, sk.coef_, rtol=1e-10)
    assert intercept == pytest.approx(float(sk.intercept_), rel=1e-10, abs=1e-12)
