"""Reference projects that `airoadmap run PROJECT` executes on real data.

An exercise declares its project in the `[project]` table of its exercise.toml (a title, and
the entry "module:function"); `projects()` reads them from the curriculum. Each project is a
function `(run_dir: Path) -> dict` that writes its artifacts into `run_dir` (figures as PNG,
reports, data) and returns its metrics, saved as metrics.json.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from airoadmap.errors import AiroadmapError, UnknownIdError
from airoadmap.lab.mine import LearnerCode
from airoadmap.lab.reference import LoadedModule, learner_code, loading_log
from airoadmap.lab.stages import Listener, listening, stage


@dataclass(frozen=True)
class Project:
    """A reference project: id, title, and the function that runs it."""

    id: str
    title: str
    entry: str  # "module:function", imported only when the project runs
    headline: tuple[str, ...] = ()  # metrics `run` ends with (exercise.toml [project])
    exercise: str = ""  # the exercise that declares it: whose code `run --mine` uses

    def load(self) -> Callable[[Path], dict[str, Any]]:
        import importlib

        module, func = self.entry.split(":")
        entry: Callable[[Path], dict[str, Any]] = getattr(importlib.import_module(module), func)
        return entry


def projects(root: Path | None = None) -> dict[str, Project]:
    """Every reference project, by exercise id: the `[project]` tables of exercise.toml."""
    from airoadmap.curriculum.loader import curriculum, load_curriculum

    cur = curriculum() if root is None else load_curriculum(root)
    found: dict[str, Project] = {}
    for eid, ex in sorted(cur.exercises.items()):
        if ex.project is not None:
            main = ex.project
            found[eid] = Project(eid, main.title, main.entry, tuple(main.headline), eid)
        for extra in ex.extra_projects:
            found[extra.id] = Project(
                extra.id, extra.title, extra.entry, tuple(extra.headline), eid
            )
    return dict(sorted(found.items()))


def default_runs_dir() -> Path:
    """The workspace's runs/ folder, or ./runs when there is no workspace."""
    from airoadmap.errors import WorkspaceError
    from airoadmap.workspace import Workspace

    try:
        return Workspace.find().runs_dir
    except WorkspaceError:
        return Path.cwd() / "runs"


def run(
    project_id: str,
    out: Path | None = None,
    *,
    on_stage: Listener | None = None,
    mine: LearnerCode | None = None,
    **options: Any,
) -> Path:
    """Run a project into a fresh timestamped folder; returns the folder.

    `options` (e.g. `config=Path`, `compare=True`) go to projects that accept them; a project
    that does not accept one says so in one line. `on_stage` hears each stage the project
    announces (lab/stages.py), from loading its code to writing metrics.json. With `mine`
    (lab/mine.py), the project runs the learner's passed files of its exercise instead of the
    reference solution. Beside metrics.json, run.json records whose code ran (RUN_FILE).
    """
    known = projects()
    if project_id not in known:
        raise UnknownIdError("project", project_id, sorted(known))
    project = known[project_id]
    if mine is not None and mine.exercise_id != project.exercise:
        raise AiroadmapError(
            f"--mine: {project_id} runs the code of {project.exercise}, not {mine.exercise_id}."
        )
    started = datetime.now(UTC)
    with listening(on_stage), loading_log() as loaded:
        stage("loading the project's code and libraries")
        entry = project.load()
        accepted = inspect.signature(entry).parameters
        for name in options:
            if name not in accepted:
                raise AiroadmapError(f"{project_id} takes no --{name} option.")
        run_dir = _fresh_run_dir((out or default_runs_dir()) / project_id)
        try:
            with _code(mine), _recording_datasets() as datasets:
                metrics = entry(run_dir, **options)
        except BaseException:
            _remove_if_empty(run_dir)  # a run that stopped before writing leaves no trace
            raise
        stage("writing metrics.json")
        text = json.dumps(metrics, indent=2) + "\n"
        (run_dir / "metrics.json").write_text(text, encoding="utf-8")
        record = run_record(project, mine, loaded, started, text)
        record["datasets"] = sorted(datasets)
        if metrics.get("skipped"):  # a project that could not do its work here says so
            record["skipped"] = True
        (run_dir / RUN_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return run_dir


RUN_FILE = "run.json"


def run_record(
    project: Project,
    mine: LearnerCode | None,
    loaded: list[LoadedModule],
    started: datetime,
    metrics_text: str,
) -> dict[str, Any]:
    """run.json: whose code the run ran ("mine" or "reference"), the learner's graded files
    and their sha256 when mine, every exercise module it imported, and the sha256 of the
    metrics.json it wrote (`run` adds the registry data sets it loaded)."""
    ours = [m for m in loaded if m.code == "mine"]
    if mine is not None and not ours:
        raise AiroadmapError(
            f"--mine: {project.id} imported none of your files of {mine.exercise_id}: "
            "nothing of yours ran (a bug of the project: please report it)."
        )
    return {
        "project": project.id,
        "exercise": project.exercise,
        "code": "mine" if mine is not None else "reference",
        "learner": mine.as_dict() if mine is not None else None,
        "modules": [
            {"exercise": m.exercise_id, "module": m.module, "code": m.code, "sha256": m.sha256}
            for m in loaded
        ],
        "started_at": _iso(started),
        "finished_at": _iso(datetime.now(UTC)),
        "metrics_sha256": hashlib.sha256(metrics_text.encode("utf-8")).hexdigest(),
    }


def read_run_record(run_dir: Path) -> dict[str, Any] | None:
    """A run folder's run.json, or None (runs from before it existed, or unreadable)."""
    try:
        data = json.loads((run_dir / RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


@contextmanager
def _recording_datasets() -> Iterator[set[str]]:
    """The names of the registry data sets loaded inside the block (in this process).

    `airoadmap.datasets.load` and its typed variants all call the module's `_load`, looked
    up when called: wrapping it for the run sees every load, however a project imported
    `load`.
    """
    import airoadmap.datasets as registry

    names: set[str] = set()
    original = registry._load

    def recorded(name: str, **options: Any) -> Any:
        result = original(name, **options)
        names.add(name)
        return result

    registry._load = recorded
    try:
        yield names
    finally:
        registry._load = original


def _code(mine: LearnerCode | None) -> AbstractContextManager[None]:
    if mine is None:
        return nullcontext()
    return learner_code(mine.exercise_id, mine.folder, mine.files)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def metric_at(metrics: Any, path: str) -> Any:
    """The value at a dotted path of a metrics document ('holdout.f1'), or None."""
    value = metrics
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _headline_value(value: Any) -> bool:
    return isinstance(value, int | float | str) and not isinstance(value, bool)


def headline(project: Project, metrics: Any, limit: int = 4) -> list[tuple[str, Any]]:
    """(name, value) of the numbers a run ends with: the project's declared `headline`
    metrics that it returned; without a declaration, its first top-level numbers."""
    if project.headline:
        found = [(path, metric_at(metrics, path)) for path in project.headline]
        return [(path, value) for path, value in found if _headline_value(value)]
    if not isinstance(metrics, dict):
        return []
    numbers = [(str(k), v) for k, v in metrics.items() if isinstance(v, int | float)]
    return [(k, v) for k, v in numbers if not isinstance(v, bool)][:limit]


def _remove_if_empty(folder: Path) -> None:
    """Remove the run folder, and the project's folder above it, where they are empty."""
    for path in (folder, folder.parent):
        try:
            path.rmdir()
        except OSError:
            return  # not empty: what the run wrote before it stopped is kept


def _fresh_run_dir(parent: Path) -> Path:
    """A new folder named by the UTC time (a suffix when two runs share a second)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    for n in range(100):
        run_dir = parent / (stamp if n == 0 else f"{stamp}-{n}")
        try:
            run_dir.mkdir(parents=True, exist_ok=False)
            return run_dir
        except FileExistsError:
            continue
        except OSError as exc:
            raise AiroadmapError(
                f"Cannot create the run folder {run_dir}: {exc.strerror}."
            ) from exc
    raise AiroadmapError(f"Cannot create a new run folder under {parent}: too many runs at once.")
