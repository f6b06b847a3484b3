"""How long one whole check takes, against `python -c "import numpy"`.

    .venv/bin/python benchmarks/bench_grader_startup.py [--rounds 30]

Runs interleaved rounds (so background load hits every variant alike) of: the interpreter
importing numpy; grade() of the tiny fixture exercise with and without the namespace wrapper;
grade() of m01-katas (a real exercise, 14 checks). Prints medians and the ratio to numpy.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from airoadmap.curriculum.models import Exercise, HintGroup, Limits
from airoadmap.grading import sandbox
from airoadmap.grading.grader import grade

HERE = Path(__file__).resolve().parents[1] / "tests" / "grading"
CONTENT = Path(sandbox.__file__).parents[1] / "content" / "exercises"


def _learner(source: Path, files: list[str]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="airoadmap-bench-"))
    for name in files:
        shutil.copyfile(source / name, folder / name)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds

    tiny = Exercise(
        id="m01-tiny",
        month=1,
        title="tiny",
        summary="bench",
        files=["tiny.py"],
        limits=Limits(timeout_s=20),
        hints=[HintGroup(key="general", tiers=["-"])],
    )
    tiny_dir = HERE / "fixtures" / "m01-tiny"
    tiny_learner = _learner(tiny_dir / "solution", tiny.files)
    learners = [tiny_learner]
    variants: dict[str, Callable[[], object]] = {
        'python -c "import numpy"': lambda: subprocess.run(
            [sys.executable, "-c", "import numpy"], check=True
        ),
        "grade(tiny), namespaces": lambda: grade(tiny, tiny_dir, tiny_learner, isolate=True),
        "grade(tiny), no namespaces": lambda: grade(tiny, tiny_dir, tiny_learner, isolate=False),
    }
    katas_dir = CONTENT / "m01-katas"
    if (katas_dir / "exercise.toml").exists():
        katas = Exercise.model_validate(tomllib.loads((katas_dir / "exercise.toml").read_text()))
        katas_learner = _learner(katas_dir / "solution", katas.files)
        learners.append(katas_learner)
        variants["grade(m01-katas), namespaces"] = lambda: grade(katas, katas_dir, katas_learner)

    print(f"namespace wrapper: {sandbox.namespace_wrapper()}")
    for run in variants.values():  # warm caches (bytecode, page cache, namespace probe)
        run()
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, run in variants.items():
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    for folder in learners:
        shutil.rmtree(folder, ignore_errors=True)
    base = statistics.median(times['python -c "import numpy"'])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:34s} median {median * 1000:7.1f} ms   x{median / base:4.2f} of numpy")


if __name__ == "__main__":
    main()
