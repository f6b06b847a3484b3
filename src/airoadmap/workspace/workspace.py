"""The learner's workspace on disk: month folders, exercise files, backups, runs.

ws/
  README.md, .gitignore
  .airoadmap/workspace.toml   marks the folder as a workspace
  .airoadmap/progress.db      the progress database (SQLite by default)
  .airoadmap/backups/         the learner's files saved by `reset` (backups/<exercise id>/)
  .airoadmap/backups/progress/  daily copies of progress.db (`airoadmap progress restore`)
  m03-mathematics-for-ml/linreg/linreg.py, BRIEF.md
  runs/<project>/<timestamp>/  artifacts of `airoadmap run`
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from airoadmap.curriculum.paths import exercise_dir
from airoadmap.errors import WorkspaceError

if TYPE_CHECKING:  # `check` finds the workspace and must not import pydantic
    from airoadmap.curriculum.models import Curriculum, Exercise, Month

MARKER = Path(".airoadmap") / "workspace.toml"
ENV_WORKSPACE = "AIROADMAP_WORKSPACE"

GITIGNORE = """\
# airoadmap: progress and backups stay local; your code is yours to commit.
.airoadmap/
runs/
__pycache__/
.ipynb_checkpoints/
"""


@dataclass
class InitReport:
    """What `init` did: files it created and files it left alone."""

    root: Path
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Workspace:
    """A learner's workspace rooted at `root`."""

    root: Path

    @property
    def meta_dir(self) -> Path:
        return self.root / ".airoadmap"

    @property
    def db_path(self) -> Path:
        return self.meta_dir / "progress.db"

    @property
    def backups_dir(self) -> Path:
        return self.meta_dir / "backups"

    @property
    def copies_dir(self) -> Path:
        """Daily copies of the progress database (airoadmap.progress.backup)."""
        return self.backups_dir / "progress"

    @property
    def runs_dir(self) -> Path:
        return self.root / "runs"

    def month_dir(self, month: Month) -> Path:
        return self.root / month.slug

    def exercise_path(self, cur: Curriculum, ex: Exercise) -> Path:
        """The folder holding the learner's files of `ex` (month folder / short name)."""
        short = ex.id.split("-", 1)[1]
        return self.month_dir(cur.month(ex.month)) / short

    # -- finding ---------------------------------------------------------------------------

    @classmethod
    def find(cls, start: Path | None = None) -> Workspace:
        """The workspace named by $AIROADMAP_WORKSPACE, or the one containing `start` (cwd)."""
        env = os.environ.get(ENV_WORKSPACE)
        if env:
            root = Path(env).expanduser().resolve()
            if not (root / MARKER).is_file():
                raise WorkspaceError(
                    f"{ENV_WORKSPACE}={env} is not an airoadmap workspace: "
                    f"run `airoadmap init {env}` or unset it."
                )
            return cls(root)
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / MARKER).is_file():
                return cls(folder)
        raise WorkspaceError(
            f"No airoadmap workspace in {here} or above: run `airoadmap init DIR` and cd into "
            f"DIR, or set {ENV_WORKSPACE}."
        )

    def exercise_at(self, cur: Curriculum, path: Path) -> str | None:
        """The id of the exercise whose folder contains `path`, if any."""
        path = path.resolve()
        for ex in cur.exercises.values():
            folder = self.exercise_path(cur, ex).resolve()
            if path == folder or folder in path.parents:
                return ex.id
        return None

    def last_edited(self, cur: Curriculum) -> str | None:
        """The exercise whose learner file was modified most recently."""
        best: tuple[float, str] | None = None
        for ex in cur.exercises.values():
            for name in ex.files:
                f = self.exercise_path(cur, ex) / name
                if f.is_file():
                    stamp = f.stat().st_mtime
                    if best is None or stamp > best[0]:
                        best = (stamp, ex.id)
        return best[1] if best else None

    # -- creating and restoring -------------------------------------------------------------

    @classmethod
    def init(cls, root: Path, cur: Curriculum) -> InitReport:
        """Create or complete a workspace; never overwrite a file that exists."""
        root = root.expanduser().resolve()
        if root.exists() and not root.is_dir():
            raise WorkspaceError(f"{root} exists and is not a folder: choose another path.")
        ws = cls(root)
        report = InitReport(root=root)
        try:
            ws.meta_dir.mkdir(parents=True, exist_ok=True)
            _write_new(root / MARKER, "format_version = 1\n", report)
            _write_new(root / ".gitignore", GITIGNORE, report)
            _write_new(root / "README.md", _readme(cur), report)
            for month in cur.months:
                mdir = ws.month_dir(month)
                mdir.mkdir(exist_ok=True)
                _write_new(mdir / "MONTH.md", _month_md(month), report)
                for eid in month.exercises:
                    ex = cur.exercises[eid]
                    target = ws.exercise_path(cur, ex)
                    target.mkdir(exist_ok=True)
                    src = exercise_dir(ex.id)
                    _write_new(target / "BRIEF.md", (src / "brief.md").read_text("utf-8"), report)
                    for name in ex.files:
                        _copy_new(src / "starter" / name, target / name, report)
        except OSError as exc:
            raise WorkspaceError(f"Cannot create the workspace in {root}: {exc.strerror}.") from exc
        return report

    def reset(self, cur: Curriculum, ex: Exercise) -> list[Path]:
        """Restore the starter files of `ex`; the learner's files go to a timestamped backup.

        Returns where each of the learner's files is saved. A file that is the starter
        already is not backed up, and one identical to its newest backup is not saved twice
        (that backup is returned), so resetting twice leaves one backup of the work.
        """
        target = self.exercise_path(cur, ex)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        backup = self.backups_dir / ex.id / stamp
        saved: list[Path] = []
        target.mkdir(parents=True, exist_ok=True)
        for name in ex.files:
            mine = target / name
            starter = exercise_dir(ex.id) / "starter" / name
            if mine.exists() and not _same_bytes(mine, starter):
                last = self._newest_backup(ex.id, name)
                if last is not None and _same_bytes(mine, last):
                    saved.append(last)
                else:
                    (backup / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(mine, backup / name)
                    saved.append(backup / name)
            mine.parent.mkdir(parents=True, exist_ok=True)  # a nested file whose folder went
            tmp = mine.with_name(mine.name + ".airoadmap-tmp")
            shutil.copyfile(starter, tmp)
            os.replace(tmp, mine)  # atomic: the file is either the old or the new one
        return saved

    def _newest_backup(self, exercise_id: str, name: str) -> Path | None:
        """The most recent backup of one file of an exercise (backup folders sort by time)."""
        folder = self.backups_dir / exercise_id
        if not folder.is_dir():
            return None
        for stamp in sorted((p.name for p in folder.iterdir() if p.is_dir()), reverse=True):
            if (folder / stamp / name).is_file():
                return folder / stamp / name
        return None


def _same_bytes(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes (an unreadable one: no)."""
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _write_new(path: Path, text: str, report: InitReport) -> None:
    if path.exists():
        report.kept.append(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    report.created.append(path)


def _copy_new(src: Path, dst: Path, report: InitReport) -> None:
    if dst.exists():
        report.kept.append(dst)
        return
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    report.created.append(dst)


def _readme(cur: Curriculum) -> str:
    months = "\n".join(f"- `{m.slug}/`: {m.title}" for m in cur.months)
    return f"""# My AI engineering roadmap

{cur.roadmap.summary}

One folder per month; each exercise has its own folder with a BRIEF.md and the files you edit.

    airoadmap status          where you are, month by month, and the next step
    airoadmap show ID         the brief of an exercise
    airoadmap check ID        grade your work (or `airoadmap watch` to re-check on every save)
    airoadmap hint ID         the next hint
    airoadmap solution ID     the reference solution, once you pass
    airoadmap track NAME      month 8: follow one specialization track (nlp, cv, genai, rl)

{months}
"""


def _month_md(month: Month) -> str:
    topics = "\n".join(f"- **{t.name}**: {t.why}" for t in month.topics)
    tools = "\n".join(f"- {t.name}: {t.use}" for t in month.tools)
    projects = "\n".join(f"- **{p.title}**: {p.summary}" for p in month.projects)
    tracks = ""
    if month.tracks:
        rows = "\n".join(
            f"- `{t.id}`, {t.title}: {t.summary} ({', '.join(t.exercises)})" for t in month.tracks
        )
        tracks = (
            "\n## Tracks\nChoose one with `airoadmap track NAME`: its exercises count for your "
            f"progress; the folders of the others stay here as optional work.\n{rows}\n"
        )
    return (
        f"# Month {month.number}: {month.title}\n\n{month.goal}\n\n## Topics\n{topics}\n\n"
        f"## Tools\n{tools}\n\n## Projects\n{projects}\n{tracks}"
    )
