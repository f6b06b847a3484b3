"""Titanic survival (m04-titanic): the reference model's accuracy, honestly measured.

    .venv/bin/python benchmarks/bench_titanic.py [--splits 20]

The model is the exercise's reference solution (`make_model()`: engineered features and a
random forest), as `airoadmap run m04-titanic` and the checks use it. In one run:

- held-out accuracy on the fixed split the checks grade on (891 to fit, 418 held out);
  goal: 0.82;
- 5-fold stratified cross-validation accuracy on the 891 training passengers, and on all
  1309 passengers;
- the same model's held-out accuracy over `--splits` other stratified 891/418 splits (mean,
  standard deviation, range): how much of one reading is the luck of the split;
- baselines on the fixed split: always "died", and "women survive";
- the published Kaggle figures (hidden test set, 418 passengers) side by side;
- the wall time of grading the solution in the real sandbox (goal: under 10 s).

Writes benchmarks/results/titanic.json and titanic.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split

from airoadmap.datasets.splits.titanic import HOLDOUT_SIZE, SPLIT_SEED, holdout_split, load_titanic
from airoadmap.lab.machine import cpu_name
from airoadmap.lab.titanic.models import solution

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
GOAL_HOLDOUT = 0.82
GOAL_GRADE_S = 10.0
# Kaggle's Titanic, hidden test set (418 passengers): published figures (see DATA.md).
KAGGLE = {
    "median leaderboard score": 0.775,
    "top 5% of the leaderboard from": 0.797,
    "a documented honest solution": 0.8134,
}


def accuracy(model: Any, X_train: Any, y_train: Any, X_test: Any, y_test: Any) -> float:
    model.fit(X_train, y_train)
    return float(np.mean(np.asarray(model.predict(X_test)) == np.asarray(y_test)))


def grade_seconds() -> tuple[float, str]:
    """Wall time and outcome of grading the reference solution in the sandbox."""
    from airoadmap.authoring.devcheck import grade_side

    started = time.perf_counter()
    report = grade_side("m04-titanic", "solution")
    return time.perf_counter() - started, report.outcome.value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--splits", type=int, default=20)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    make_model = solution().make_model
    X, y = load_titanic()
    split = holdout_split(X, y)
    cv = StratifiedKFold(5, shuffle=True, random_state=0)

    started = time.perf_counter()
    holdout = accuracy(make_model(), split.X_train, split.y_train, split.X_holdout, split.y_holdout)
    fit_predict_s = time.perf_counter() - started
    cv_train = cross_val_score(make_model(), split.X_train, split.y_train, cv=cv)
    cv_all = cross_val_score(make_model(), X, y, cv=cv)
    others = []
    for seed in range(args.splits):
        X_tr, X_te, y_tr, y_te = train_test_split(
            X, y, test_size=HOLDOUT_SIZE, stratify=y, random_state=seed
        )
        others.append(accuracy(make_model(), X_tr, y_tr, X_te, y_te))
    y_hold = split.y_holdout.to_numpy()
    baselines = {
        'always "died"': float(np.mean(y_hold == 0)),
        '"women survive"': float(
            np.mean((split.X_holdout["sex"] == "female").to_numpy() == y_hold)
        ),
    }
    grade_s, grade_outcome = grade_seconds()
    print(f"held-out accuracy {holdout:.4f} (goal {GOAL_HOLDOUT}), CV {cv_train.mean():.4f}")

    result = {
        "machine": f"{cpu_name()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.machine()}",
        "python": platform.python_version(),
        "sklearn": sklearn.__version__,
        "load_average_1min": [load_before, os.getloadavg()[0]],
        "model": "m04-titanic reference: TitanicFeatures + RandomForestClassifier(300)",
        "split_seed": SPLIT_SEED,
        "holdout_accuracy": holdout,
        "goal_holdout_accuracy": GOAL_HOLDOUT,
        "goal_met": holdout >= GOAL_HOLDOUT,
        "fit_predict_s": fit_predict_s,
        "cv5_train_accuracy": {"mean": float(cv_train.mean()), "std": float(cv_train.std())},
        "cv5_all_accuracy": {"mean": float(cv_all.mean()), "std": float(cv_all.std())},
        "other_splits": {
            "n": args.splits,
            "mean": statistics.fmean(others),
            "std": statistics.stdev(others),
            "min": min(others),
            "max": max(others),
        },
        "baselines_holdout": baselines,
        "kaggle_published": KAGGLE,
        "grade_solution_s": grade_s,
        "grade_solution_outcome": grade_outcome,
        "goal_grade_s": GOAL_GRADE_S,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "titanic.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "titanic.md").write_text(markdown(result), encoding="utf-8")
    print((RESULTS / "titanic.md").read_text(encoding="utf-8"))


def markdown(r: dict[str, Any]) -> str:
    o, cvt, cva = r["other_splits"], r["cv5_train_accuracy"], r["cv5_all_accuracy"]
    goal = "yes" if r["goal_met"] else "no"
    grade_ok = "yes" if r["grade_solution_s"] <= r["goal_grade_s"] else "no"
    lines = [
        f"Titanic survival (m04-titanic), {r['model']}; scikit-learn {r['sklearn']}.",
        f"Machine: {r['machine']}; load average {r['load_average_1min'][0]:.1f} before, "
        f"{r['load_average_1min'][1]:.1f} after.",
        "",
        "| measurement | accuracy | note |",
        "|---|---|---|",
        f"| held-out, the checks' split (seed {r['split_seed']}, 891/418) | "
        f"{r['holdout_accuracy']:.4f} | goal {r['goal_holdout_accuracy']}: {goal} |",
        f"| 5-fold CV on the 891 training passengers | {cvt['mean']:.4f} ± {cvt['std']:.4f} | "
        "what a learner sees before the checks |",
        f"| 5-fold CV on all 1309 passengers | {cva['mean']:.4f} ± {cva['std']:.4f} | |",
        f"| held-out over {o['n']} other 891/418 splits | {o['mean']:.4f} ± {o['std']:.4f} | "
        f"range {o['min']:.4f}-{o['max']:.4f}: the luck of one split |",
    ]
    for name, value in r["baselines_holdout"].items():
        lines.append(f"| baseline {name}, the checks' split | {value:.4f} | |")
    for name, value in r["kaggle_published"].items():
        lines.append(f"| Kaggle hidden test: {name} | {value:.4f} | published, other split |")
    lines += [
        "",
        f"Grading the reference solution in the sandbox: {r['grade_solution_s']:.1f} s wall "
        f"({r['grade_solution_outcome']}; goal under {r['goal_grade_s']:.0f} s: {grade_ok}); "
        f"one fit and predict of the model: {r['fit_predict_s']:.2f} s.",
        "",
        "The Kaggle figures are measured on Kaggle's own 891/418 split (not a random one), so "
        "they set the scale, not a ratio: our held-out passengers are a stratified random draw "
        "from the same 1309, not Kaggle's test set. Timings on a loaded machine are noisy.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
