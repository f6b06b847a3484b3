"""`airoadmap dev new ID`: a new exercise folder that `dev check` accepts as it is.

It writes exercise.toml, brief.md, checks.py with one check, starter/ (raising
NotImplementedError, so it reads NOT_ATTEMPTED) and solution/ (which passes), and lists the
exercise in its month (moving it from `planned` when it was planned there). The author then
replaces the placeholder function with the real contract, one check at a time.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from airoadmap.curriculum.loader import content_root, exercise_dir
from airoadmap.curriculum.models import ID_PATTERN
from airoadmap.errors import AiroadmapError, ContentError

EXERCISE_TOML = '''id = "{id}"
month = {month}
title = {title_toml}
summary = """One or two sentences: what the learner builds, and how the checks judge it."""
files = ["{module}.py"]
checks = "checks.py"
hours = 2.0

[limits]
timeout_s = 20
memory_mb = 1024

[[hints]]
key = "general"
tiers = [
    """A nudge: which idea of the brief this part is about.""",
    """More precise: the step that is most often missed.""",
    """Nearly the answer: the shape of the code, in words or a short snippet.""",
]
'''

BRIEF = """# {title}

What the learner builds, and why it matters (a paragraph).

## The contract

`{module}.py` defines `double(x)`, which returns twice `x`. Replace this placeholder with the
exercise's real functions or classes, each stated precisely: arguments, return value, errors.

## How it is checked

One line per check in checks.py, in the words of its `@check` name.
"""

STARTER = '''"""{title}: your code. Read brief.md first."""


def double(x: float) -> float:
    """Twice x."""
    raise NotImplementedError("double: return twice x")
'''

SOLUTION = '''"""{title}: the reference solution (it must PASS every check)."""


def double(x: float) -> float:
    """Twice x."""
    return 2 * x
'''

CHECKS = '''"""Checks of {id}: each @check function is one line of the learner's report."""

from __future__ import annotations

from airoadmap.grading.api import Context, check, expect_equal


@check("double returns twice its argument", hint="general")
def doubles(ctx: Context) -> None:
    module = ctx.load("{module}")
    for x in (0, 1, -3, 21):
        expect_equal(module.double(x), 2 * x, call=f"double({{x}})")
'''


def module_name(exercise_id: str) -> str:
    """The learner file's module: the id without its month prefix ("m07-mlp" -> "mlp")."""
    return exercise_id.split("-", 1)[1].replace("-", "_")


def scaffold(exercise_id: str, *, title: str = "", root: Path | None = None) -> Path:
    """Write the folder of a new exercise and list it in its month; the folder."""
    if not re.match(ID_PATTERN, exercise_id):
        raise AiroadmapError(
            f"'{exercise_id}' is not an exercise id: use mNN-name, e.g. m07-mlp (month 01-12, "
            "then lowercase words joined by -)."
        )
    root = root or content_root()
    folder = exercise_dir(exercise_id, root)
    if folder.exists():
        raise AiroadmapError(f"{folder} already exists: choose another id.")
    month = int(exercise_id[1:3])
    month_file = root / "months" / f"m{month:02d}.toml"
    listed = _listed_text(month_file, exercise_id)
    fields = {
        "id": exercise_id,
        "month": month,
        "title": title or exercise_id,
        "title_toml": json.dumps(title or exercise_id),
        "module": module_name(exercise_id),
    }
    module = fields["module"]
    files = {
        "exercise.toml": EXERCISE_TOML,
        "brief.md": BRIEF,
        "checks.py": CHECKS,
        f"starter/{module}.py": STARTER,
        f"solution/{module}.py": SOLUTION,
    }
    for rel, template in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**fields), encoding="utf-8")
    month_file.write_text(listed, encoding="utf-8")
    return folder


def _listed_text(month_file: Path, exercise_id: str) -> str:
    """The month file's text with the exercise in `exercises` (and out of `planned`)."""
    try:
        text = month_file.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(f"{month_file}: cannot read the month file: {exc}") from exc
    exercises = [*data.get("exercises", [])]
    planned = [p for p in data.get("planned", []) if p != exercise_id]
    if exercise_id not in exercises:
        exercises.append(exercise_id)
    for key, values in (("exercises", exercises), ("planned", planned)):
        line = re.compile(rf"^{key}[ \t]*=[ \t]*\[[^\]\n]*\][ \t]*$", re.M)
        if not line.search(text):
            raise ContentError(
                f"{month_file}: `{key} = [...]` is not on one line: add '{exercise_id}' to "
                "its month's exercises by hand."
            )
        new = f"{key} = [{', '.join(json.dumps(v) for v in values)}]"
        text = line.sub(new.replace("\\", "\\\\"), text, count=1)
    return text
