"""MiniLM fine-tuned on tweets (`airoadmap run m08-nlp-bert`): held-out accuracy against TF-IDF.

    .venv/bin/python benchmarks/bench_m08_bert.py [--train-size 12000] [--epochs 1]
    .venv/bin/python benchmarks/bench_m08_bert.py --sweep 5e-5 1e-4 2e-4 [--threads 1]

Runs the reference project itself (`airoadmap.lab.bert.project.fine_tune`: the m08-nlp-bert
solution's split, class-weighted fine-tuning, prediction and TF-IDF baseline) into a temporary
folder, on the CPU with torch's default threads. Goal (issue 10): at least 0.90 held-out
accuracy and more than TF-IDF + logistic regression on the same split, within 10 minutes on 2
cores (training plus scoring the test part). Timings on a loaded machine are inflated (the
load average before and after is recorded).

Writes benchmarks/results/m08_bert.json and m08_bert.md.

`--sweep` chooses the project's learning rate instead: the same training tweets, fine-tuned
once per rate, scored on the split's validation part (the test part stays unseen); writes
m08_bert_sweep.json and m08_bert_sweep.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train-size", type=int, default=12_000)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--learning-rate", type=float, default=None)
    parser.add_argument("--sweep", type=float, nargs="+", metavar="RATE", default=None)
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: all)")
    args = parser.parse_args()

    # Not torch first: airoadmap.lab.bert sets torch's OpenMP wait policy before it loads.
    from airoadmap.lab.bert import project

    load_before = os.getloadavg()[0]
    import torch  # only now: the project has set the wait policy

    if args.threads:
        torch.set_num_threads(args.threads)
    texts, labels = project.load_tweets()
    config = {**project.Plan().config, "epochs": args.epochs}
    if args.learning_rate is not None:
        config["learning_rate"] = args.learning_rate
    plan = project.Plan(train_size=args.train_size, config=config)
    machine = {
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "threads": torch.get_num_threads(),
    }
    if args.sweep:
        rows = project.validation_sweep(texts, labels, plan, args.sweep, project.minilm)
        sweep = {
            **machine,
            "load_average_1min": [load_before, os.getloadavg()[0]],
            "train_tweets": args.train_size,
            "config": config,
            "rows": rows,
            "chosen": max(rows, key=lambda row: row["validation_accuracy"])["learning_rate"],
        }
        write("m08_bert_sweep", sweep, sweep_markdown(sweep))
        return
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        metrics = project.fine_tune(Path(folder), texts, labels, plan, project.minilm)
        wall = time.perf_counter() - started
    result: dict[str, Any] = {
        **machine,
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
        "load_average_1min": [load_before, os.getloadavg()[0]],
        "wall_s": wall,
        **metrics,
        "goal": {"accuracy": project.GOAL_ACCURACY, "seconds": project.GOAL_SECONDS},
    }
    write("m08_bert", result, markdown(result))


def write(name: str, result: dict[str, Any], text: str) -> None:
    """benchmarks/results/<name>.json and .md, and the table on stdout."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
    print(text)


def sweep_markdown(r: dict[str, Any]) -> str:
    lines = [
        f"Learning rate of `airoadmap run m08-nlp-bert`, chosen on the validation part: "
        f"{r['train_tweets']} training tweets, {r['config']['epochs']} epoch(s), "
        f"{r['threads']} thread(s); load average {r['load_average_1min'][0]:.1f} before, "
        f"{r['load_average_1min'][1]:.1f} after.",
        "",
        "| learning rate | validation accuracy | training s |",
        "|---|---|---|",
    ]
    for row in r["rows"]:
        chosen = " (chosen)" if row["learning_rate"] == r["chosen"] else ""
        lines.append(
            f"| {row['learning_rate']:g}{chosen} | {row['validation_accuracy']:.4f} | "
            f"{row['train_seconds']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def markdown(r: dict[str, Any]) -> str:
    met = "yes" if r["goal_met"] else "no"
    return (
        f"MiniLM fine-tuned on tweets (`airoadmap run m08-nlp-bert`): {r['train_tweets']} "
        f"training tweets, {r['epochs']} epoch(s), {r['threads']} threads; {r['test_tweets']} "
        f"held-out tweets.\n\n"
        "| model | held-out accuracy |\n|---|---|\n"
        f"| fine-tuned MiniLM | {r['bert_accuracy']:.4f} |\n"
        f"| TF-IDF + LR, same {r['train_tweets']} tweets | "
        f"{r['tfidf_same_tweets_accuracy']:.4f} |\n"
        f"| TF-IDF + LR, all {r['training_part_tweets']} training tweets | "
        f"{r['tfidf_all_training_accuracy']:.4f} |\n"
        f"| always negative | {r['majority_accuracy']:.4f} |\n\n"
        f"Training {r['train_seconds']:.0f} s, scoring {r['predict_seconds']:.0f} s, whole run "
        f"{r['wall_s']:.0f} s (load average {r['load_average_1min'][0]:.1f} before, "
        f"{r['load_average_1min'][1]:.1f} after). Goal (>= {r['goal']['accuracy']}, above "
        f"TF-IDF, <= {r['goal']['seconds']:.0f} s): {met}.\n"
    )


if __name__ == "__main__":
    main()
