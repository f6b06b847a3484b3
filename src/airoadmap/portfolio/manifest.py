"""manifest.json: what the portfolio claims, in a form a reader can check.

For each passed exercise: its outcome and the time of the passing attempt, the code hash the
grader recorded with it, the sha256 of each graded file now and whether the files still hash
to the recorded code hash. The code hash is airoadmap.grading.workcopy.code_hash: sha256 over
the graded files in name order, each fed as `name NUL size NUL bytes`. With the graded files
(copied into the site unless --no-code), anyone can recompute both: `verify_site` does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from airoadmap import __version__
from airoadmap.errors import AiroadmapError
from airoadmap.grading.workcopy import code_hash
from airoadmap.portfolio import layout
from airoadmap.portfolio.claims import (
    RUN_FILES,
    claims,
    project_readme_path,
    run_dir_in_site,
    verify_claims,
)
from airoadmap.portfolio.collect import STATUS_TEXT, Entry, safe_name

FORMAT_VERSION = 1
GENERATOR = "airoadmap portfolio"
CODE_HASH_ALGORITHM = (
    "sha256 over the graded files sorted by name; for each file: its name, NUL, its size in "
    "bytes (decimal), NUL, its bytes; a missing file: its name, NUL, 'missing', NUL "
    "(airoadmap.grading.workcopy.code_hash)"
)


def build_manifest(entries: list[Entry], *, generated_at: datetime, include_code: bool) -> dict:
    """The manifest of a site holding `entries`."""
    return {
        "format_version": FORMAT_VERSION,
        "generator": GENERATOR,
        "airoadmap_version": __version__,
        "generated_at": _iso(generated_at),
        "code_hash_algorithm": CODE_HASH_ALGORITHM,
        "code_included": include_code,
        "exercises": [_exercise(e, include_code) for e in entries],
    }


def _exercise(entry: Entry, include_code: bool) -> dict[str, Any]:
    attempt = entry.attempt
    files = []
    for f in entry.files:
        where = layout.code(entry.id, f.name) if include_code and f.sha256 else None
        if f.starter:  # the untouched starter is not the learner's work: never published
            where = None
        row = {"name": f.name, "sha256": f.sha256, "size": f.size, "path": where}
        files.append({**row, "starter": f.starter})
    figures = []
    if entry.run is not None:
        for fig in entry.run.figures:
            figures.append(
                {
                    "path": layout.figure(entry.id, fig.name),
                    "sha256": fig.sha256,
                    "source": fig.source.name,  # its file in the run folder
                }
            )
    return {
        "id": entry.id,
        "title": entry.title,
        "month": entry.exercise.month,
        "page": layout.page(entry.id),
        "outcome": attempt.outcome.value,
        "attempt_id": attempt.id,
        "attempted_at": _iso(attempt.created_at),
        "first_passed_at": _iso(entry.first_passed_at),
        "attempts": entry.attempts,
        "passes": entry.passes,
        "code_hash": attempt.code_hash,
        "code_hash_now": entry.code_hash_now,
        "matches": entry.status == "verified",
        "status": STATUS_TEXT[entry.status],
        "files": files,
        "metrics": dict(attempt.metrics),
        "checks": [
            {"name": c.name, "outcome": c.outcome, "metrics": dict(c.metrics)} for c in entry.checks
        ],
        "figures": figures,
        "figures_run": entry.run.label if entry.run is not None else None,
        "figures_code": entry.run.code if entry.run is not None else None,
        "run": _run(entry),
        "extra_runs": [
            {
                "project": extra.project,
                "title": extra.title,
                "label": extra.run.label,
                "code": extra.run.code,
                "code_hash": extra.run.code_hash,
                "figures": [
                    {
                        "path": layout.extra_figure(entry.id, extra.project, fig.name),
                        "sha256": fig.sha256,
                        "source": fig.source.name,
                    }
                    for fig in extra.run.figures
                ],
            }
            for extra in entry.extra_runs
        ],
        "readme": project_readme_path(entry.id),
        "claims": [c.as_dict() for c in claims(entry)],
        "hints_used": dict(sorted(entry.hints_used.items())),
        "solution_revealed_before_pass": entry.revealed_before_pass,
    }


def _run(entry: Entry) -> dict[str, Any] | None:
    """The run whose figures (and, for the learner's own run, claims) the site shows."""
    run = entry.run
    if run is None:
        return None
    row: dict[str, Any] = {"label": run.label, "code": run.code, "code_hash": run.code_hash}
    if run.code == "mine":
        base = run_dir_in_site(entry.id)
        row["files"] = [
            {"path": f"{base}/{name}", "sha256": _sha256(run.run_dir / name)} for name in RUN_FILES
        ]
    return row


def write_manifest(folder: Path, manifest: dict) -> None:
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    (folder / layout.MANIFEST).write_text(text, encoding="utf-8")


# -- checking a site -----------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What `verify_site` found for one exercise."""

    exercise_id: str
    files_intact: bool  # every file in the site has the sha256 the manifest gives
    code_matches: (
        bool | None
    )  # the code in the site hashes to the recorded code hash (None: no code)
    problems: tuple[str, ...]


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / layout.MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AiroadmapError(
            f"No {layout.MANIFEST} in {folder}: build the site with `airoadmap portfolio build`."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AiroadmapError(f"Cannot read {path}: {exc}.") from None
    except json.JSONDecodeError as exc:
        raise AiroadmapError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}).") from None
    if not isinstance(data, dict) or data.get("generator") != GENERATOR:
        raise AiroadmapError(f"{path} is not a manifest written by `{GENERATOR} build`.")
    return data


def verify_site(folder: Path, runs_dir: Path | None = None) -> list[Verdict]:
    """Recompute the hashes of a site's files and compare them with its manifest.

    With `runs_dir` (the workspace's runs/), each figure and copied run file is also
    compared with the file of the run it came from, where that run folder still exists.
    """
    data = read_manifest(folder)
    verdicts = []
    for ex in data.get("exercises", []):
        problems: list[str] = []
        listed = [f for f in ex.get("files", []) if isinstance(f, dict)]
        in_site = [f for f in listed if f.get("path")]
        run = ex.get("run") if isinstance(ex.get("run"), dict) else {}
        copied = [f for f in run.get("files") or [] if isinstance(f, dict)]
        figures = [f for f in ex.get("figures", []) if isinstance(f, dict)]
        extras = [r for r in ex.get("extra_runs") or [] if isinstance(r, dict)]
        extra_figures = [f for r in extras for f in r.get("figures") or [] if isinstance(f, dict)]
        for item in in_site + figures + extra_figures + copied:
            actual = _sha256(_inside(folder, str(item.get("path"))))
            if actual != item.get("sha256"):
                what = "missing" if actual is None else "changed"
                problems.append(f"{item['path']} is {what} (manifest: sha256 {item.get('sha256')})")
        problems += verify_claims(folder, ex)
        if runs_dir is not None:
            problems += _against_run(runs_dir, ex, figures, copied)
            for extra in extras:
                project, label = str(extra.get("project", "")), str(extra.get("label") or "")
                shown = [f for f in extra.get("figures") or [] if isinstance(f, dict)]
                problems += _against_folder(runs_dir, project, label, shown, [])
        code_matches: bool | None = None
        eid = str(ex.get("id", ""))
        placed = [
            f for f in listed if f.get("path") and f.get("path") == layout.code(eid, str(f["name"]))
        ]
        if listed and len(placed) == len(listed) and eid == safe_name(eid):
            names = [str(f["name"]) for f in listed]
            code_matches = code_hash(folder / eid / "code", names) == ex.get("code_hash")
        verdicts.append(Verdict(str(ex.get("id")), not problems, code_matches, tuple(problems)))
    return verdicts


def _against_run(
    runs_dir: Path, ex: dict[str, Any], figures: list[dict], copied: list[dict]
) -> list[str]:
    """Problems where a figure or run file of the site differs from its run's file."""
    eid, label = str(ex.get("id", "")), str(ex.get("figures_run") or "")
    return _against_folder(runs_dir, eid, label, figures, copied)


def _against_folder(
    runs_dir: Path, project: str, label: str, figures: list[dict], copied: list[dict]
) -> list[str]:
    """Problems where a figure or run file of the site differs from the file of the run
    runs/<project>/<label>/ it came from (nothing to compare when that run is gone)."""
    if not label or not project or project != safe_name(project) or label != safe_name(label):
        return []
    run_dir = runs_dir / project / label
    if not run_dir.is_dir():
        return []  # the run was deleted since: the site's own hashes are all there is
    problems = []
    sources = [(f, str(f.get("source") or "")) for f in figures]
    sources += [(f, PurePosixPath(str(f.get("path"))).name) for f in copied]
    for item, name in sources:
        if not name or name != PurePosixPath(name).name:
            continue
        if _sha256(run_dir / name) != item.get("sha256"):
            problems.append(f"{item.get('path')} does not match {run_dir / name}")
    return problems


def _inside(folder: Path, rel: str) -> Path | None:
    """folder/rel, or None when rel leaves the folder (a manifest is not trusted)."""
    root = folder.resolve()
    path = (root / rel).resolve()
    return path if path.is_relative_to(root) and path != root else None


def _sha256(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
