"""mypy over the content: each exercise's checks.py with its solution, and its starter.

One mypy run cannot hold two modules of the same name, and every exercise has a `checks`
module and a starter and a solution of the learner's module; the exercise folders' names
(m01-katas) are no package names either. So the content is checked one exercise at a time:
checks.py with the solution files (what the checks import through `ctx.load`), then the
starter files on their own. The project's mypy settings apply (pyproject.toml, whose plain
`mypy` run covers the rest of src/ and leaves the exercise folders to this module).

    python -m airoadmap.authoring.typecheck [EXERCISE_ID ...]
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from airoadmap.curriculum.loader import content_root, exercise_dir, load_curriculum


def _config() -> list[str]:
    """The project's mypy config, when running from a source checkout."""
    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    return ["--config-file", str(pyproject)] if pyproject.is_file() else []


def batches(only: Sequence[str] = (), root: Path | None = None) -> list[list[Path]]:
    """The groups of files mypy checks together, exercise by exercise."""
    root = root or content_root()
    cur = load_curriculum(root)
    groups: list[list[Path]] = []
    for eid in sorted(cur.exercises):
        if only and eid not in only:
            continue
        ex = cur.exercises[eid]
        folder = exercise_dir(eid, root)
        learner = [name for name in ex.files if name.endswith(".py")]
        groups.append([folder / ex.checks, *(folder / "solution" / n for n in learner)])
        if learner:
            groups.append([folder / "starter" / n for n in learner])
    return groups


def typecheck_content(only: Sequence[str] = (), root: Path | None = None) -> list[str]:
    """mypy's error lines over the content (empty when all is well)."""
    from mypy import api

    problems: list[str] = []
    # Every exercise's module is named `checks`: mypy's cache must not mix another content
    # root's files (a copy under test) with the shipped ones.
    cache = [] if root is None else ["--cache-dir", os.devnull]
    for files in batches(only, root):
        out, err, status = api.run([*_config(), *cache, "--no-error-summary", *map(str, files)])
        if status != 0:
            lines = [ln for ln in (out + err).splitlines() if ln and ": note:" not in ln]
            problems += lines or [f"mypy failed (status {status}) on {files[0].parent}"]
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """Print the problems; exit status 1 when there are any."""
    problems = typecheck_content(list(sys.argv[1:] if argv is None else argv))
    for line in problems:
        print(line)
    print("content types ok" if not problems else f"{len(problems)} type problems in content")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
