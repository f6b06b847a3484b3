"""The learner bar of m08-nlp-bert, measured: fine-tuned MiniLM against TF-IDF, over seeds.

    .venv/bin/python benchmarks/bench_m08_bert_bar.py [--seeds 0 1 2 3] [--no-alternatives]

Runs the exercise's own bar check (`beats_tfidf`, through `airoadmap.authoring.runner.
run_inprocess`, one torch thread as in the sandbox) on the reference solution with
`Config.seed` set to each seed, then on the two correct alternatives held back in
tests/content/submissions/m08_nlp_bert (written independently of the solution), and on the
constant-rate alternative at 2e-4 instead of its 1e-4. Each run
records the fine-tuned accuracy and the checks' TF-IDF accuracy on the same held-out tweets;
the bar (exercise.toml, `accuracy_over_tfidf`) is their difference. The seed moves only the
training (dropout, batch order, the new head): the tweets are the checks' own sample.

Writes benchmarks/results/m08_bert_bar.json and m08_bert_bar.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import time
from pathlib import Path
from typing import Any

# One thread per native library, as in the grading sandbox (set before torch loads).
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
EXERCISE = "m08-nlp-bert"
SUBMISSIONS = ROOT / "tests" / "content" / "submissions" / "m08_nlp_bert"
ALTERNATIVES = ("alt_weighted_by_hand", "alt_sampled_batches")
# The constant-rate alternative as first written, at 2e-4: how a run without a schedule fares.
HOT = (
    "alt_weighted_by_hand",
    "    learning_rate: float = 1e-4\n",
    "    learning_rate: float = 2e-4\n",
)
CHECK = "beats_tfidf"
SEED_FIELD = re.compile(r"^(    seed: int = )0$", re.MULTILINE)


def solution_with_seed(seed: int) -> str:
    """The reference solution's source with `Config.seed` defaulting to `seed`."""
    from airoadmap.curriculum.loader import exercise_dir

    source = (exercise_dir(EXERCISE) / "solution" / "finetune.py").read_text(encoding="utf-8")
    changed, count = SEED_FIELD.subn(rf"\g<1>{seed}", source)
    if count != 1:
        raise SystemExit("bench_m08_bert_bar: the solution's Config has no `seed: int = 0` line")
    return changed


def measure(label: str, source: str | Path) -> dict[str, Any]:
    """One grading of the bar check; its verdict and the accuracies it recorded."""
    from airoadmap.authoring.runner import run_inprocess

    started = time.process_time()
    result = run_inprocess(EXERCISE, {"finetune.py": source}, only=[CHECK])
    cpu = time.process_time() - started
    run = result.checks[CHECK]
    row = {
        "submission": label,
        "outcome": run.outcome,
        "bert_accuracy": result.metrics.get("bert_accuracy"),
        "tfidf_accuracy": result.metrics.get("tfidf_accuracy"),
        "majority_accuracy": result.metrics.get("majority_accuracy"),
        "cpu_s": cpu,
    }
    if row["bert_accuracy"] is not None and row["tfidf_accuracy"] is not None:
        row["gap"] = row["bert_accuracy"] - row["tfidf_accuracy"]
    print(json.dumps(row), flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3])
    parser.add_argument("--no-alternatives", action="store_true")
    args = parser.parse_args()

    from airoadmap.curriculum.loader import exercise_dir, load_model
    from airoadmap.curriculum.models import Exercise

    exercise = load_model(exercise_dir(EXERCISE) / "exercise.toml", Exercise)
    bar = exercise.bars["accuracy_over_tfidf"]
    load_before = os.getloadavg()[0]
    rows = [measure(f"solution, seed {seed}", solution_with_seed(seed)) for seed in args.seeds]
    if not args.no_alternatives:
        rows += [measure(name, SUBMISSIONS / f"{name}.py") for name in ALTERNATIVES]
        name, rate, hotter = HOT
        source = (SUBMISSIONS / f"{name}.py").read_text(encoding="utf-8")
        if rate not in source:
            raise SystemExit(f"bench_m08_bert_bar: {name}.py no longer sets {rate.strip()}")
        rows.append(measure(f"{name}, a constant 2e-4", source.replace(rate, hotter)))
    result = {
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "load_average_1min": [load_before, os.getloadavg()[0]],
        "bar": bar.model_dump(),
        "rows": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "m08_bert_bar.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    (RESULTS / "m08_bert_bar.md").write_text(markdown(result), encoding="utf-8")
    print((RESULTS / "m08_bert_bar.md").read_text(encoding="utf-8"))


def markdown(result: dict[str, Any]) -> str:
    """The table the README quotes."""
    bar = result["bar"]
    lines = [
        "The learner bar of `m08-nlp-bert` (`beats_tfidf`): fine-tuned MiniLM minus TF-IDF on "
        f"the checks' held-out tweets; bar: at least {bar['at_least']}. "
        f"{result['machine']}, one torch thread; load average "
        f"{result['load_average_1min'][0]:.1f} before, {result['load_average_1min'][1]:.1f} after.",
        "",
        "| submission | fine-tuned MiniLM | TF-IDF | gap | verdict | CPU s |",
        "|---|---|---|---|---|---|",
    ]
    for row in result["rows"]:
        gap = row.get("gap")
        lines.append(
            f"| {row['submission']} | {_num(row['bert_accuracy'])} | "
            f"{_num(row['tfidf_accuracy'])} | {'' if gap is None else f'{gap:+.4f}'} | "
            f"{row['outcome']} | {row['cpu_s']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


if __name__ == "__main__":
    main()
