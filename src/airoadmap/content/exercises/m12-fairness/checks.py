"""Checks of m12-fairness: group metrics by hand, fairlearn's audit, a mitigation, a card.

group_metrics.py is written by hand (NumPy; fairlearn and scikit-learn are refused there, by a
scan of the file and, while its functions run, by the import fence): the checks compare it with
fairlearn's MetricFrame, demographic_parity_difference and equalized_odds_difference on seeded
made-up predictions. audit.py uses fairlearn: the checks fit its model on the 891 training
passengers of the fixed Titanic split (`airoadmap.grading.kit.heldout`), let it mitigate on
those rows only, and judge both models on the 418 held-out passengers by sex; the card section
it writes must state the figures the checks recompute. The bars, and why they are where they
are, are in exercise.toml's [bars].
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.grading import importfence
from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_raises,
    fail,
)
from airoadmap.grading.kit.heldout import titanic as _split
from airoadmap.grading.kit.modelcheck import Task, once

BY_HAND = "group_metrics"
BY_HAND_FILE = "group_metrics.py"
FORBIDDEN = ("fairlearn", "sklearn")
USE_INSTEAD = "NumPy (count the true and false positives of each group yourself)"
SENSITIVE = "sex"
# Two groups for the bad-input cases: "north" (one positive, one negative label) comes first.
GROUPS = ["north", "north", "south", "south"]
RATES = ("selection_rate", "true_positive_rate", "false_positive_rate", "accuracy")
# The equalized odds difference after the mitigation is floored at this value before the
# ratio is taken: a mitigation that closes the gap completely has a finite reduction.
EOD_FLOOR = 0.01
# Card figures are written with 3 decimals: a figure may differ from the checks' by rounding.
CARD_TOLERANCE = 0.0006

TASK = Task(
    module="audit", factory="make_model", dataset="titanic", title="Titanic", rows="passengers"
)


# --- made-up predictions, the same on every run ---------------------------------------------


def _made_up(n: int, groups: tuple[object, ...], seed: int) -> tuple[np.ndarray, ...]:
    """Labels, predictions and groups where each group has its own rates (seeded)."""
    rng = np.random.default_rng(seed)
    group = np.array(groups, dtype=object)[rng.integers(0, len(groups), n)]
    index = np.array([groups.index(g) for g in group])
    y_true = (rng.random(n) < 0.3 + 0.15 * index).astype(int)
    hit = 0.9 - 0.2 * index  # the true positive rate falls from group to group
    alarm = 0.1 + 0.05 * index  # the false positive rate rises, more slowly
    y_pred = np.where(y_true == 1, rng.random(n) < hit, rng.random(n) < alarm).astype(int)
    return y_true, y_pred, group


CASES: dict[str, tuple[np.ndarray, ...]] = {
    "2 groups ('female', 'male'), 200 rows": _made_up(200, ("female", "male"), 1),
    "3 groups (1, 2, 3), 300 rows": _made_up(300, (1, 2, 3), 2),
}


def _fpr_gap_case() -> tuple[np.ndarray, ...]:
    """Two groups with equal true positive rates and different false positive rates."""
    y_true = np.array([1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0])
    y_pred = np.array([1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0])
    group = np.array(["a"] * 6 + ["b"] * 6)
    return y_true, y_pred, group


CASES["TPR equal, FPR 0.75 vs 0 (12 rows)"] = _fpr_gap_case()


def _reference_table(y_true: np.ndarray, y_pred: np.ndarray, group: np.ndarray) -> pd.DataFrame:
    """fairlearn's MetricFrame by group: what the learner's group_metrics must match."""
    from fairlearn.metrics import (
        MetricFrame,
        false_positive_rate,
        selection_rate,
        true_positive_rate,
    )
    from sklearn.metrics import accuracy_score

    frame = MetricFrame(
        metrics={
            "count": lambda t, p: len(t),
            "selection_rate": selection_rate,
            "true_positive_rate": true_positive_rate,
            "false_positive_rate": false_positive_rate,
            "accuracy": accuracy_score,
        },
        y_true=y_true,
        y_pred=y_pred,
        sensitive_features=pd.Series(group, name="group"),
    )
    return frame.by_group


# --- running the learner's code ---------------------------------------------------------------


@contextmanager
def _by_hand(ctx: Context) -> Iterator[None]:
    """While the hand-written metrics run, a learner file that imports fairlearn or
    scikit-learn is refused (the audit file imports them freely, outside this block)."""
    with importfence.Fence(ctx.workdir, FORBIDDEN, USE_INSTEAD, files=[BY_HAND_FILE]):
        yield


def _metrics(ctx: Context) -> ModuleType:
    with _by_hand(ctx):
        return ctx.load(BY_HAND)


def _function(module: ModuleType, name: str) -> Callable[..., Any]:
    func = getattr(module, name, None)
    if not callable(func):
        fail(f"{module.__name__}.py defines no function {name}(): keep the starter's names.")
    return func


def _call(ctx: Context, name: str, *args: Any) -> Any:
    func = _function(_metrics(ctx), name)
    with _by_hand(ctx):
        return func(*args)


def _audit(ctx: Context) -> ModuleType:
    module: ModuleType = TASK.load(ctx)
    return module


def _number(value: Any, what: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        fail(f"{what} is {value!r}: return a number.")


# --- the Titanic models, fitted once per run --------------------------------------------------


def _baseline(ctx: Context) -> tuple[Any, np.ndarray]:
    """The learner's model fitted on the training passengers, and its held-out predictions."""

    def fit() -> tuple[Any, np.ndarray]:
        split = _split()
        model = TASK.make(ctx)
        TASK.require_unfitted(model, total="all 1309 passengers")
        with TASK.learner_code("fit ran on the training passengers"):
            model.fit(split.X_train, split.y_train)
        with TASK.learner_code("predict ran on the held-out passengers"):
            pred = model.predict(split.X_holdout)
        return model, _zero_one(pred, "the model's predict")

    return once(ctx, "baseline", fit)


def _zero_one(
    raw: Any, what: str, *, rows: int | None = None, part: str = "held-out"
) -> np.ndarray:
    """Predictions (held-out by default) as 0/1 ints; a failure that says what is wrong
    otherwise."""
    rows = len(_split().X_holdout) if rows is None else rows
    pred = np.asarray(raw)
    expect(
        pred.shape == (rows,),
        f"{what} on {rows} {part} passengers returned shape {pred.shape}: return one 0 or 1 "
        "per passenger.",
    )
    if pred.dtype == bool:
        pred = pred.astype(int)
    values = set(np.unique(pred).tolist())
    expect(
        values <= {0, 1},
        f"{what} returned the values {sorted(map(repr, values))[:4]}: return survived as 0 or "
        "1 (not probabilities, not text).",
    )
    return pred.astype(int)


def _mitigated(ctx: Context) -> tuple[Callable[..., Any], np.ndarray]:
    """The learner's mitigation fitted on the training passengers, and its held-out
    predictions."""

    def fit() -> tuple[Callable[..., Any], np.ndarray]:
        split = _split()
        model, _ = _baseline(ctx)
        mitigate = _function(_audit(ctx), "mitigate")
        with TASK.learner_code("mitigate ran on the training passengers"):
            predict = mitigate(model, split.X_train, split.y_train, split.X_train[SENSITIVE])
        expect(
            callable(predict),
            f"mitigate returned {type(predict).__name__}, not a function: return "
            "predict(X, sensitive) -> one 0 or 1 per passenger.",
        )
        with TASK.learner_code("the mitigated predict ran on the held-out passengers"):
            raw = predict(split.X_holdout, split.X_holdout[SENSITIVE])
        return predict, _zero_one(raw, "the mitigated predict")

    return once(ctx, "mitigated", fit)


def _holdout() -> tuple[np.ndarray, pd.Series]:
    split = _split()
    return split.y_holdout.to_numpy().astype(int), split.X_holdout[SENSITIVE]


def _recomputed(ctx: Context) -> dict[str, float]:
    """Accuracy, balanced accuracy, DPD and EOD before and after, by fairlearn (once)."""

    def compute() -> dict[str, float]:
        from fairlearn.metrics import demographic_parity_difference, equalized_odds_difference

        y, sex = _holdout()
        found: dict[str, float] = {}
        for when, pred in (("before", _baseline(ctx)[1]), ("after", _mitigated(ctx)[1])):
            found[f"accuracy_{when}"] = float(np.mean(pred == y))
            tpr, tnr = np.mean(pred[y == 1]), np.mean(1 - pred[y == 0])
            found[f"balanced_accuracy_{when}"] = float((tpr + tnr) / 2)
            found[f"dpd_{when}"] = float(
                demographic_parity_difference(y, pred, sensitive_features=sex)
            )
            found[f"eod_{when}"] = float(equalized_odds_difference(y, pred, sensitive_features=sex))
        return found

    return once(ctx, "recomputed", compute)


# --- the checks -------------------------------------------------------------------------------


@check("group_metrics: count, selection rate, TPR, FPR, accuracy per group", hint="rates")
def group_rates_match_fairlearn(ctx: Context) -> None:
    for label, (y_true, y_pred, group) in CASES.items():
        expect_close(
            _number(_call(ctx, "selection_rate", y_pred), "selection_rate(y_pred)"),
            float(np.mean(y_pred)),
            what=f"selection_rate on {label}",
        )
        table = _call(ctx, "group_metrics", y_true, y_pred, group)
        expected = _reference_table(y_true, y_pred, group)
        expect(
            isinstance(table, dict),
            f"group_metrics returned {type(table).__name__}: return a dict, group -> "
            "{rate name: value}.",
        )
        names = [k.item() if isinstance(k, np.generic) else k for k in expected.index]
        expect(
            sorted(map(str, table)) == sorted(map(str, names)),
            f"group_metrics on {label} has the groups {sorted(map(str, table))}, expected one "
            f"entry per group: {sorted(map(str, names))}.",
        )
        by_name = {str(k): v for k, v in table.items()}
        for name in names:
            row = by_name[str(name)]
            for rate in ("count", *RATES):
                expect(
                    isinstance(row, dict) and rate in row,
                    f"group_metrics(...)[{name!r}] on {label} has no {rate!r}: each group's "
                    f"dict holds count, {', '.join(RATES)}.",
                )
                expect_close(
                    _number(row[rate], f"{rate} of group {name!r}"),
                    float(expected.loc[name, rate]),
                    what=f"{rate} of group {name!r} on {label}",
                    note="(fairlearn's MetricFrame by group gives the expected value.)",
                )


@check("demographic parity and equalized odds differences match fairlearn", hint="differences")
def differences_match_fairlearn(ctx: Context) -> None:
    from fairlearn.metrics import demographic_parity_difference, equalized_odds_difference

    for label, (y_true, y_pred, group) in CASES.items():
        for name, reference in (
            ("demographic_parity_difference", demographic_parity_difference),
            ("equalized_odds_difference", equalized_odds_difference),
        ):
            value = _number(_call(ctx, name, y_true, y_pred, group), f"{name}(...)")
            expect_close(
                value,
                float(reference(y_true, y_pred, sensitive_features=group)),
                what=f"{name} on {label}",
                note="(fairlearn's function of that name, with its default worst-case "
                "aggregation, gives the expected value.)",
            )


@check("bad input is refused with a ValueError that names it", hint="rates")
def bad_input_is_refused(ctx: Context) -> None:
    module = _metrics(ctx)

    def run(name: str, *args: Any) -> Any:
        func = _function(module, name)
        with _by_hand(ctx):
            return func(*args)

    shown = "['north', 'north', 'south', 'south']"
    cases: list[tuple[str, tuple[Any, ...], str, tuple[str, ...], tuple[Any, ...], str]] = [
        ("selection_rate", ([],), "selection_rate([])", (), ("empty",), "there are no rows"),
        (
            "group_metrics",
            ([], [], []),
            "group_metrics([], [], [])",
            (),
            ("empty",),
            "there are no rows",
        ),
        (
            "group_metrics",
            ([1, 0, 1], [1, 0], ["a", "a", "b"]),
            "group_metrics([1, 0, 1], [1, 0], ['a', 'a', 'b'])",
            (),
            ("length",),
            "the lengths differ",
        ),
        (
            "group_metrics",
            ([1, 0, 2], [1, 0, 1], ["a", "a", "b"]),
            "group_metrics([1, 0, 2], [1, 0, 1], ['a', 'a', 'b'])",
            (),
            ("binary", ("0", "1")),
            "labels must be 0 or 1",
        ),
        (
            "group_metrics",
            ([1, 0, 0, 0], [1, 0, 1, 0], GROUPS),
            f"group_metrics([1, 0, 0, 0], [1, 0, 1, 0], {shown})",
            ("south",),
            ("positive",),
            "group 'south' has no positive label: its TPR is 0 / 0",
        ),
        (
            "equalized_odds_difference",
            ([1, 0, 1, 1], [1, 0, 1, 0], GROUPS),
            f"equalized_odds_difference([1, 0, 1, 1], [1, 0, 1, 0], {shown})",
            ("south",),
            ("negative",),
            "group 'south' has no negative label: its FPR is 0 / 0",
        ),
    ]
    for name, args, call, mentions, mentions_any, problem in cases:
        expect_raises(
            ValueError,
            run,
            name,
            *args,
            call=call,
            mentions=mentions,
            mentions_any=mentions_any,
            problem=problem,
        )


@check("group_metrics.py is written by hand (no fairlearn, no scikit-learn)", hint="by_hand")
def metrics_written_by_hand(ctx: Context) -> None:
    _call(ctx, "selection_rate", [1, 0])  # NOT_ATTEMPTED while the starter stands
    problems = importfence.scan(ctx.workdir, FORBIDDEN, USE_INSTEAD, files=[BY_HAND_FILE])
    expect(not problems, problems[0] if problems else "")


@check("audit.group_table is fairlearn's MetricFrame of the four rates and the count", hint="audit")
def group_table_is_a_metricframe(ctx: Context) -> None:
    from fairlearn.metrics import MetricFrame

    group_table = _function(_audit(ctx), "group_table")
    y_true, y_pred, group = CASES["3 groups (1, 2, 3), 300 rows"]
    with TASK.learner_code("group_table ran"):
        frame = group_table(pd.Series(y_true), y_pred, pd.Series(group, name="pclass"))
    expect(
        isinstance(frame, MetricFrame),
        f"group_table returned {type(frame).__name__}: return fairlearn.metrics.MetricFrame("
        "metrics={...}, y_true=..., y_pred=..., sensitive_features=...).",
    )
    table = frame.by_group
    missing = [m for m in ("count", *RATES) if m not in table.columns]
    expect(
        not missing,
        f"group_table's by_group has no column {missing}: name the metrics "
        f"count, {', '.join(RATES)}.",
    )
    for name in (1, 2, 3):
        rows = group == name
        t, p = y_true[rows], y_pred[rows]
        mine = {
            "count": float(rows.sum()),
            "selection_rate": float(p.mean()),
            "true_positive_rate": float(p[t == 1].mean()),
            "false_positive_rate": float(p[t == 0].mean()),
            "accuracy": float((p == t).mean()),
        }
        for rate, value in mine.items():
            expect_close(
                _number(table.loc[name, rate], f"by_group[{rate}]"),
                value,
                what=f"group_table(...).by_group.loc[{name}, {rate!r}]",
            )


@check("the model, fitted on the training passengers, reaches the accuracy bar", hint="model")
def baseline_accuracy(ctx: Context) -> None:
    y, _ = _holdout()
    _, pred = _baseline(ctx)
    expect_bar(ctx, "accuracy_before", float(np.mean(pred == y)))


@check("the mitigated predictions are seeded: the same on every call", hint="mitigation")
def mitigation_is_seeded(ctx: Context) -> None:
    split = _split()
    predict, first = _mitigated(ctx)
    with TASK.learner_code("the mitigated predict ran again"):
        again = _zero_one(
            predict(split.X_holdout, split.X_holdout[SENSITIVE]), "the mitigated predict"
        )
    changed = int(np.sum(first != again))
    expect(
        changed == 0,
        f"Called twice on the same held-out passengers, the mitigated predict changed "
        f"{changed} of {len(first)} answers. A ThresholdOptimizer (or an ExponentiatedGradient) "
        "draws at random between two thresholds (models) for some passengers: pass a fixed "
        "random_state to its predict, so the figures in the card can be reproduced.",
    )


@check("on the training passengers, the mitigation meets equalized odds", hint="mitigation")
def mitigation_targets_equalized_odds(ctx: Context) -> None:
    from fairlearn.metrics import equalized_odds_difference

    split = _split()
    predict, _ = _mitigated(ctx)
    with TASK.learner_code("the mitigated predict ran on the training passengers"):
        raw = predict(split.X_train, split.X_train[SENSITIVE])
    pred = _zero_one(raw, "the mitigated predict", rows=len(split.X_train), part="training")
    y = split.y_train.to_numpy().astype(int)
    gap = float(equalized_odds_difference(y, pred, sensitive_features=split.X_train[SENSITIVE]))
    expect_bar(
        ctx,
        "eod_train_after",
        gap,
        note="(The equalized odds difference of the mitigated predictions on the training "
        "passengers, the rows the mitigation was fitted on.) A mitigation for equalized odds "
        "meets its constraint there, up to the random choice between thresholds; one for "
        "demographic parity or equal opportunity does not: pass "
        "constraints='equalized_odds' (or EqualizedOdds() to ExponentiatedGradient).",
    )


@check(
    "the mitigation shrinks the equalized odds difference on held-out passengers", hint="mitigation"
)
def mitigation_shrinks_disparity(ctx: Context) -> None:
    found = _recomputed(ctx)
    for name in ("eod_before", "eod_after", "dpd_before", "dpd_after"):
        ctx.record(name, found[name])
    reduction = found["eod_before"] / max(found["eod_after"], EOD_FLOOR)
    expect_bar(
        ctx,
        "eod_reduction",
        reduction,
        note=f"(Equalized odds difference on the held-out passengers: {found['eod_before']:.3f} "
        f"before, {found['eod_after']:.3f} after, the after floored at {EOD_FLOOR}.) Fit the "
        "mitigation for equalized odds on the training passengers: "
        "ThresholdOptimizer(estimator=model, constraints='equalized_odds', prefit=True, "
        "predict_method='predict_proba').",
    )


@check("the mitigated model still tells survivors apart (balanced accuracy)", hint="cost")
def mitigation_keeps_signal(ctx: Context) -> None:
    found = _recomputed(ctx)
    ctx.record("accuracy_after", found["accuracy_after"])
    ctx.record("accuracy_cost", found["accuracy_before"] - found["accuracy_after"])
    expect_bar(
        ctx,
        "balanced_accuracy_after",
        found["balanced_accuracy_after"],
        note=f"(Balanced accuracy, the mean of the true positive and true negative rates, on "
        f"the held-out passengers: {found['balanced_accuracy_before']:.3f} before the "
        f"mitigation, {found['balanced_accuracy_after']:.3f} after; predicting the same answer "
        "for everyone scores 0.5 and has no disparity at all.) Mitigate the fitted model's "
        "probabilities; do not replace the model.",
    )


_CARD_ROWS = {
    "accuracy": "accuracy",
    "demographic parity difference": "dpd",
    "equalized odds difference": "eod",
}
_NUMBER = r"(-?\d+(?:\.\d+)?)"


def _card_figures(text: str) -> dict[str, float]:
    """The figures of a card section: table rows `| name | before | after |`, rows
    `| group | rate | before | after |`, and the sentence naming the accuracy cost."""
    found: dict[str, float] = {}
    for line in text.splitlines():
        cells = [c.strip().lower() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] in _CARD_ROWS and re.fullmatch(_NUMBER, cells[1]):
            key = _CARD_ROWS[cells[0]]
            if re.fullmatch(_NUMBER, cells[2]):
                found[f"{key}_before"], found[f"{key}_after"] = float(cells[1]), float(cells[2])
        if len(cells) == 4 and re.fullmatch(_NUMBER, cells[2]) and re.fullmatch(_NUMBER, cells[3]):
            rate = cells[1].replace(" ", "_")
            found[f"{cells[0]} {rate} before"] = float(cells[2])
            found[f"{cells[0]} {rate} after"] = float(cells[3])
    cost = re.search(r"accuracy cost[^0-9-]*" + _NUMBER, text, flags=re.IGNORECASE)
    if cost:
        found["accuracy_cost"] = float(cost.group(1))
    return found


@check("the model card's fairness section states the recomputed figures", hint="card")
def card_states_recomputed_figures(ctx: Context) -> None:
    write = _function(_audit(ctx), "write_card_section")
    found = _recomputed(ctx)
    y, sex = _holdout()
    before, after = _baseline(ctx)[1], _mitigated(ctx)[1]
    expected = {k: v for k, v in found.items() if not k.startswith("balanced")}
    expected["accuracy_cost"] = found["accuracy_before"] - found["accuracy_after"]
    for name in sorted(set(sex)):
        rows = np.asarray(sex == name)
        for when, pred in (("before", before), ("after", after)):
            t, p = y[rows], pred[rows]
            expected[f"{name} selection_rate {when}"] = float(p.mean())
            expected[f"{name} true_positive_rate {when}"] = float(p[t == 1].mean())
            expected[f"{name} false_positive_rate {when}"] = float(p[t == 0].mean())
    with ctx.scratch() as folder:
        path = folder / "fairness_card.md"
        with TASK.learner_code("write_card_section ran"):
            write(path, _split().y_holdout, before, after, sex)
        expect(path.is_file(), "write_card_section did not write the file at the path it got.")
        text = Path(path).read_text(encoding="utf-8")
    expect(
        text.lstrip().lower().startswith("## fairness"),
        "The card section must start with its heading '## Fairness'.",
    )
    stated = _card_figures(text)
    for key, value in expected.items():
        expect(
            key in stated,
            f"The card section states no figure for {key!r}: the brief lists the rows it "
            "must hold (metric | before | after, group | rate | before | after, and the "
            "accuracy cost).",
        )
        expect(
            abs(stated[key] - value) <= CARD_TOLERANCE,
            f"The card section says {key} = {stated[key]:g}, the checks recompute {value:.4f} "
            "from the same held-out predictions: a card states what was measured.",
        )
