"""A simulated class for the cohort tests: one folder per learner, m01-katas submissions.

m01-katas is the cheapest exercise to grade (about 0.1 s in the sandbox). Learners get the
solution, the solution with one bug (a check fails), a syntax error (the code does not load),
or the untouched starter (not attempted); some as real workspaces (`Workspace.init`, ~40 ms),
the others as plain folders holding katas.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

EXERCISE = "m01-katas"
FILE = "katas.py"

# (old, new): one bug each, every one caught by a check
BUGS = [
    ("return kept == kept[::-1]", "return kept == kept"),
    ("return len(set_a & set_b) / len(union)", "return len(set_a | set_b) / len(union)"),
    ('ascii_text.lower()).strip("-")', "ascii_text.lower())"),
]
SYNTAX_ERROR = ("def is_palindrome(text: str) -> bool:", "def is_palindrome(text: str) -> bool")
SLEEP = "import time\ntime.sleep({s})  # long enough for a test to kill its worker\n"


def _content(name: str) -> str:
    from airoadmap.curriculum.paths import exercise_dir

    return (exercise_dir(EXERCISE) / name / FILE).read_text(encoding="utf-8")


def submission_text(kind: str) -> str:
    """The katas.py of one kind: pass, bug0..bug2, syntax, starter, sleep<seconds>."""
    solution = _content("solution")
    if kind == "pass":
        return solution
    if kind.startswith("bug"):
        old, new = BUGS[int(kind[3:])]
        assert old in solution, old
        return solution.replace(old, new, 1)
    if kind == "syntax":
        assert SYNTAX_ERROR[0] in solution
        return solution.replace(*SYNTAX_ERROR, 1)
    if kind == "starter":
        return _content("starter")
    if kind.startswith("sleep"):
        future = "from __future__ import annotations\n"
        assert future in solution
        return solution.replace(future, future + SLEEP.format(s=float(kind[5:])), 1)
    raise ValueError(kind)


def make_class(root: Path, kinds: dict[str, str], workspaces: set[str] = frozenset()) -> Path:
    """Write one folder per learner under `root` (learner -> kind); the learners in
    `workspaces` get a real workspace (their katas.py in its m01-katas folder)."""
    from airoadmap.curriculum.loader import curriculum
    from airoadmap.workspace import Workspace

    cur = curriculum()
    ex = cur.exercises[EXERCISE]
    root.mkdir(parents=True, exist_ok=True)
    for learner, kind in kinds.items():
        folder = root / learner
        if learner in workspaces:
            Workspace.init(folder, cur)
            target = Workspace(folder.resolve()).exercise_path(cur, ex)
        else:
            target = folder
            target.mkdir(parents=True)
        (target / FILE).write_text(submission_text(kind), encoding="utf-8")
    return root


def tree_digest(root: Path) -> str:
    """sha256 over every file's path and bytes under `root` (to prove nothing was written)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()
