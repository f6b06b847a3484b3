"""What goes into the portfolio: the exercises whose best outcome is PASS, and their evidence.

Everything here is read, never written: the progress store (attempts, hints, reveals), the
learner's graded files as they are now, and the figures of their latest run. An exercise
that did not pass does not appear, whatever else the workspace holds.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import struct
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from airoadmap.curriculum.loader import exercise_dir
from airoadmap.curriculum.models import Curriculum, Exercise, Month, Project
from airoadmap.grading.workcopy import code_hash
from airoadmap.progress.store import AttemptRow, ProgressStore
from airoadmap.results import Outcome
from airoadmap.workspace import Workspace

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_FIGURES = 12  # per exercise, from its latest run
MAX_FIGURE_BYTES = 20 * 1024 * 1024
RUN_NAME = re.compile(r"^(\d{8}-\d{6})(?:-(\d+))?$")  # 20260105-101500, 20260105-101500-2

Status = Literal["verified", "modified", "unrecorded", "starter"]
STATUS_TEXT: dict[str, str] = {
    "verified": "code unchanged since it passed",
    "modified": "modified since it passed",
    "unrecorded": "no code hash recorded with the pass",
    "starter": "the files here are the untouched starter: the code that passed is not here",
}


@dataclass(frozen=True)
class LearnerFile:
    """One graded file of the learner as it is now (sha256 None: the file is missing).

    starter: the file is the exercise's starter as shipped (line endings aside), so it is
    not the learner's work and is never shown or published as such (e.g. in a workspace
    whose progress was imported from another machine).
    """

    name: str
    path: Path
    sha256: str | None
    size: int | None
    starter: bool = False


@dataclass(frozen=True)
class Figure:
    """A PNG of the learner's latest run, with the name it gets in the site."""

    source: Path
    name: str
    caption: str
    sha256: str
    width: int
    height: int


@dataclass(frozen=True)
class RunFigures:
    """The run of a project shown (a folder holding metrics.json) and its PNGs.

    code: "mine" when `airoadmap run ID --mine` ran the learner's passed code (run.json
    says so, with the code hash of a passing attempt), else "reference" (the exercise's
    reference solution, or a run from before run.json was written).
    """

    run_dir: Path
    label: str  # the run folder's name: its UTC time stamp
    figures: tuple[Figure, ...]
    code: Literal["mine", "reference"] = "reference"
    code_hash: str | None = None  # the learner's code hash the run ran (code "mine")
    metrics: dict[str, Any] | None = None  # its metrics.json (None: not a JSON object)
    datasets: tuple[str, ...] = ()  # the registry data sets it loaded (its run.json)

    def thumbnail(self, aspect: float = 1.9) -> Figure | None:
        """The figure whose shape is closest to a card's picture (width / height = aspect)."""
        if not self.figures:
            return None
        return min(
            self.figures, key=lambda f: abs(math.log(max(f.width, 1) / max(f.height, 1) / aspect))
        )


@dataclass(frozen=True)
class ExtraRun:
    """The run shown of an extra project of the exercise (its `[[extra_projects]]`: the same
    code on other data or at another scale, e.g. m07-cifar10 of m07-cnn), from
    runs/<project>/, chosen as `latest_run` chooses. Its figures are shown, copied and
    verified like the exercise's own; resume bullets come from the exercise's own run only."""

    project: str  # the extra project's id: its runs are under runs/<project>/
    title: str
    run: RunFigures


@dataclass(frozen=True)
class CheckLine:
    """One check of the passing attempt: its name (which states the bar), outcome, metrics."""

    name: str
    outcome: str
    metrics: dict[str, float | None]


@dataclass(frozen=True)
class Entry:
    """One passed exercise and the evidence shown for it."""

    exercise: Exercise
    month: Month
    project: Project | None  # the month's project this exercise is the work of, if any
    attempt: AttemptRow  # the passing attempt shown (see pick_attempt)
    attempts: int
    passes: int
    first_passed_at: datetime
    files: tuple[LearnerFile, ...]
    code_hash_now: str
    hints_used: dict[str, int]
    revealed_before_pass: bool
    run: RunFigures | None  # the run of the exercise's own project (runs/<exercise id>/)
    brief: str
    extra_runs: tuple[ExtraRun, ...] = ()  # runs of its extra projects, in declared order

    def thumbnail(self) -> Figure | None:
        """The card's picture: from the exercise's own run, else from an extra project's."""
        for run in (self.run, *(extra.run for extra in self.extra_runs)):
            fig = run.thumbnail() if run is not None else None
            if fig is not None:
                return fig
        return None

    def figure_path(self, fig: Figure) -> str:
        """Where `fig` (of the entry's run or of an extra run) lies in the site."""
        from airoadmap.portfolio import layout

        for extra in self.extra_runs:
            if fig in extra.run.figures:
                return layout.extra_figure(self.id, extra.project, fig.name)
        return layout.figure(self.id, fig.name)

    @property
    def id(self) -> str:
        return self.exercise.id

    @property
    def status(self) -> Status:
        """verified: the files now hash to what was graded; modified: they changed since;
        starter: every graded file here is the untouched starter."""
        present = [f for f in self.files if f.sha256 is not None]
        if present and all(f.starter for f in present):
            return "starter"
        if not self.attempt.code_hash:
            return "unrecorded"
        return "verified" if self.attempt.code_hash == self.code_hash_now else "modified"

    @property
    def checks(self) -> list[CheckLine]:
        return [_check_line(c) for c in self.attempt.checks if isinstance(c, dict)]

    @property
    def title(self) -> str:
        return self.exercise.title


def collect(cur: Curriculum, ws: Workspace, store: ProgressStore) -> list[Entry]:
    """The passed exercises of the curriculum, in roadmap order, with their evidence.

    Exercises the store knows but this curriculum does not (removed or renamed) are left
    out: there is no brief to show for them.
    """
    best = store.best_outcomes()
    by_exercise: dict[str, list[AttemptRow]] = defaultdict(list)
    for row in store.attempts():
        by_exercise[row.exercise_id].append(row)
    early = store.revealed_before_pass()
    entries = []
    for ex in cur.ordered_exercises():
        if best.get(ex.id) != Outcome.PASS:
            continue
        rows = by_exercise[ex.id]
        passing = [a for a in rows if a.outcome == Outcome.PASS]
        folder = ws.exercise_path(cur, ex)
        now = code_hash(folder, ex.files)
        hashes = {a.code_hash for a in passing}
        entries.append(
            Entry(
                exercise=ex,
                month=cur.month(ex.month),
                project=project_of(cur, ex.id),
                attempt=pick_attempt(passing, now),
                attempts=len(rows),
                passes=len(passing),
                first_passed_at=passing[0].created_at,
                files=tuple(learner_files(folder, ex.files, exercise_dir(ex.id) / "starter")),
                code_hash_now=now,
                hints_used=store.hints_used(ex.id),
                revealed_before_pass=ex.id in early,
                run=latest_run(ws.runs_dir / ex.id, hashes),
                brief=(exercise_dir(ex.id) / "brief.md").read_text(encoding="utf-8"),
                extra_runs=extra_runs(ws.runs_dir, ex, hashes),
            )
        )
    return entries


def pick_attempt(passing: list[AttemptRow], hash_now: str) -> AttemptRow:
    """The passing attempt to show: the latest one graded on the files as they are now,
    else the latest pass (the files changed since: the page says so)."""
    same = [a for a in passing if a.code_hash and a.code_hash == hash_now]
    return (same or passing)[-1]


def project_of(cur: Curriculum, exercise_id: str) -> Project | None:
    """The month project whose work this exercise is, if any."""
    for month in cur.months:
        for project in month.projects:
            if project.exercise == exercise_id:
                return project
    return None


def learner_files(folder: Path, names: list[str], starter: Path | None = None) -> list[LearnerFile]:
    """The graded files as they are now, in name order (the order of the code hash); each
    compared with the exercise's starter folder when one is given."""
    out = []
    for name in sorted(names):
        path = folder / name
        try:
            data = path.read_bytes()
        except OSError:
            out.append(LearnerFile(name, path, None, None))
            continue
        untouched = starter is not None and _same_text(data, starter / name)
        out.append(LearnerFile(name, path, hashlib.sha256(data).hexdigest(), len(data), untouched))
    return out


def _same_text(data: bytes, other: Path) -> bool:
    """Whether `data` equals the file `other`, line endings aside (a missing file: no)."""
    try:
        original = other.read_bytes()
    except OSError:
        return False
    return data.replace(b"\r\n", b"\n") == original.replace(b"\r\n", b"\n")


def extra_runs(runs_dir: Path, ex: Exercise, passed_hashes: set[str]) -> tuple[ExtraRun, ...]:
    """The runs shown of the exercise's extra projects (`run m09-optimize` for
    m09-compress), in the order its exercise.toml declares them; projects never run (or
    whose id is no safe folder name) are left out. A `--mine` run of an extra project runs
    the exercise's code, so the same passed code hashes choose the learner's own run."""
    found = []
    for project in ex.extra_projects:
        if project.id != safe_name(project.id) or project.id == ex.id:
            continue
        run = latest_run(runs_dir / project.id, passed_hashes)
        if run is not None:
            found.append(ExtraRun(project.id, project.title, run))
    return tuple(found)


def latest_run(project_runs: Path, passed_hashes: set[str] | None = None) -> RunFigures | None:
    """The run to show under runs/<id>/ and its PNG figures, or None: the newest complete
    run of the learner's own code (run.json: code "mine", with the code hash of one of
    `passed_hashes`) when there is one, else the newest complete run (a reference run).

    Run folders are named by their UTC time (YYYYmmdd-HHMMSS, with -N when two share a
    second), so name order is time order; a run without metrics.json did not finish.
    Only regular PNG files (no links) are taken, at most MAX_FIGURES.
    """
    try:
        runs = sorted(
            (p for p in project_runs.iterdir() if p.is_dir() and not p.is_symlink()),
            key=lambda p: _run_key(p.name),
        )
    except OSError:
        return None
    complete = [r for r in reversed(runs) if (r / "metrics.json").is_file()]
    hashes = {h for h in passed_hashes or set() if h}
    for run_dir in complete:
        mine = _mine_hash(run_dir)
        if mine is not None and mine in hashes:
            return _run_figures(run_dir, "mine", mine)
    for run_dir in complete:
        if _mine_hash(run_dir) is None:
            return _run_figures(run_dir, "reference", None)
    return None


def _mine_hash(run_dir: Path) -> str | None:
    """The learner's code hash a run ran, from its run.json (None: a reference run)."""
    from airoadmap.lab.projects import read_run_record

    record = read_run_record(run_dir)
    if record is None or record.get("code") != "mine":
        return None
    learner = record.get("learner")
    value = learner.get("code_hash") if isinstance(learner, dict) else None
    return value if isinstance(value, str) and value else None


def _run_figures(
    run_dir: Path, code: Literal["mine", "reference"], hash_: str | None
) -> RunFigures:
    figures: list[Figure] = []
    used: set[str] = set()
    for png in sorted(run_dir.glob("*.png")):
        if len(figures) == MAX_FIGURES:
            break
        figure = _figure(png, used)
        if figure is not None:
            figures.append(figure)
    try:
        metrics = json.loads((run_dir / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        metrics = None
    from airoadmap.lab.projects import read_run_record

    record = read_run_record(run_dir) or {}
    loaded = record.get("datasets")
    return RunFigures(
        run_dir,
        run_dir.name,
        tuple(figures),
        code,
        hash_,
        metrics if isinstance(metrics, dict) else None,
        tuple(str(n) for n in loaded) if isinstance(loaded, list) else (),
    )


def _run_key(name: str) -> tuple[str, int]:
    match = RUN_NAME.match(name)
    if match is None:
        return name, 0
    return match.group(1), int(match.group(2) or 0)


def _figure(png: Path, used: set[str]) -> Figure | None:
    try:
        if png.is_symlink() or not png.is_file() or png.stat().st_size > MAX_FIGURE_BYTES:
            return None
        data = png.read_bytes()
    except OSError:
        return None
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    name = safe_name(png.stem) + ".png"
    base, n = name[:-4], 1
    while name in used:
        n += 1
        name = f"{base}-{n}.png"
    used.add(name)
    return Figure(png, name, caption(png.stem), hashlib.sha256(data).hexdigest(), width, height)


def safe_name(stem: str) -> str:
    """A file name stem made of letters, digits, '-' and '_' only."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")
    return cleaned or "figure"


def safe_relpath(name: str) -> PurePosixPath | None:
    """A learner file name as a relative POSIX path inside the site, or None if unsafe."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") for p in path.parts):
        return None
    return path


def caption(stem: str) -> str:
    """A readable caption from a figure's file name: "01_residuals_vs_fit" -> "Residuals vs fit"."""
    words = re.sub(r"^[0-9]+[_ -]*", "", stem).replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) if words else stem


def _check_line(data: dict[str, Any]) -> CheckLine:
    metrics = data.get("metrics") or {}
    return CheckLine(
        name=str(data.get("name", "")),
        outcome=str(data.get("outcome", "")),
        metrics={str(k): _num(v) for k, v in metrics.items()} if isinstance(metrics, dict) else {},
    )


def _num(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None
