"""Build the portfolio site into a folder, replacing the previous build in one swap.

The site is written into a new temporary folder next to the target; only when it is
complete does it take the target's place (an atomic exchange of the two folders where the
system offers one, else two renames), and the previous build is then deleted. Nothing
outside the target is ever deleted, and a target that holds anything but a previous build
(no marker file) is refused rather than replaced.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from airoadmap.curriculum.loader import curriculum
from airoadmap.curriculum.models import Curriculum
from airoadmap.errors import AiroadmapError, WorkspaceError
from airoadmap.portfolio import layout
from airoadmap.portfolio.claims import (
    RUN_FILES,
    project_readme,
    project_readme_path,
    run_dir_in_site,
)
from airoadmap.portfolio.collect import Entry, collect
from airoadmap.portfolio.manifest import build_manifest, write_manifest
from airoadmap.portfolio.markdown import code_css
from airoadmap.portfolio.pages import SiteInfo, exercise_page, index_page
from airoadmap.portfolio.readme import readme
from airoadmap.progress.store import ProgressStore
from airoadmap.workspace import Workspace

STYLE_FILE = Path(__file__).with_name("style.css")
DEFAULT_DIR = "portfolio"  # under the workspace


@dataclass
class BuildResult:
    """What a build wrote: the folder, the exercises included, those modified since."""

    out: Path
    included: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    starter: list[str] = field(default_factory=list)  # passed, but only the starter is here
    figures: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "out": str(self.out),
            "index": str(self.out / layout.INDEX),
            "included": self.included,
            "modified_since_pass": self.modified,
            "starter_only": self.starter,
            "figures": self.figures,
        }


def build_portfolio(
    ws: Workspace,
    out: Path | None = None,
    *,
    owner: str | None = None,
    include_code: bool = True,
    cur: Curriculum | None = None,
    now: datetime | None = None,
) -> BuildResult:
    """Write the site for the workspace's passed exercises into `out` (default
    <workspace>/portfolio), replacing a previous build there."""
    cur = cur or curriculum()
    target = _target(ws, out)
    store = ProgressStore.for_workspace(ws.db_path, copies=ws.copies_dir)
    try:
        entries = collect(cur, ws, store)
        tracks = store.tracks()
    finally:
        store.close()
    info = SiteInfo(
        owner=owner.strip() if owner and owner.strip() else None,
        generated_at=now or datetime.now(UTC),
        include_code=include_code,
        roadmap_title=cur.roadmap.title,
        tracks=tracks,
    )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    except OSError as exc:
        raise AiroadmapError(
            f"Cannot create a folder next to {target}: {exc.strerror or exc}. Choose another --out."
        ) from None
    try:
        result = _write_site(staging, entries, cur, info)
        staging.chmod(0o755)
        _swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.out = target
    return result


def _target(ws: Workspace, out: Path | None) -> Path:
    """The folder to build into, checked: new, empty, or a previous build (its marker)."""
    target = (out if out is not None else ws.root / DEFAULT_DIR).expanduser().absolute()
    target = Path(os.path.normpath(target))
    if target.is_symlink():
        raise AiroadmapError(f"{target} is a symbolic link: give the real folder as --out.")
    if not target.exists():
        return target
    if not target.is_dir():
        raise AiroadmapError(f"{target} exists and is not a folder: choose another --out.")
    resolved = target.resolve()
    if resolved == ws.root.resolve() or resolved in ws.root.resolve().parents:
        raise WorkspaceError(
            f"{target} holds the workspace: the portfolio needs a folder of its own."
        )
    if (target / layout.MARKER).is_file() or not any(target.iterdir()):
        return target
    raise AiroadmapError(
        f"{target} is not empty and holds no earlier portfolio build ({layout.MARKER}): "
        "choose a new or empty folder for --out, nothing there was touched."
    )


def _write_site(root: Path, entries: list[Entry], cur: Curriculum, info: SiteInfo) -> BuildResult:
    result = BuildResult(out=root)
    (root / layout.MARKER).write_text(
        "A portfolio built by `airoadmap portfolio build`; the next build replaces this folder.\n",
        encoding="utf-8",
    )
    css = STYLE_FILE.read_text(encoding="utf-8") + "\n/* Code colours (Pygments) */\n" + code_css()
    _write(root / layout.STYLE, css)
    _write(root / layout.INDEX, index_page(entries, cur, info))
    for entry in entries:
        folder = root / entry.id
        folder.mkdir()
        _write(root / layout.page(entry.id), exercise_page(entry, info))
        if entry.run is not None and entry.run.figures:
            for fig in entry.run.figures:
                destination = root / layout.figure(entry.id, fig.name)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(fig.source, destination)
                result.figures += 1
        for extra in entry.extra_runs:
            for fig in extra.run.figures:
                destination = root / layout.extra_figure(entry.id, extra.project, fig.name)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(fig.source, destination)
                result.figures += 1
        if entry.run is not None and entry.run.code == "mine":
            run_copy = root / run_dir_in_site(entry.id)
            run_copy.mkdir(parents=True)
            for name in RUN_FILES:  # what the claims of the learner's run are checked against
                shutil.copyfile(entry.run.run_dir / name, run_copy / name)
        _write(root / project_readme_path(entry.id), project_readme(entry))
        if info.include_code:
            for f in entry.files:
                where = layout.code(entry.id, f.name)
                if where is None or f.sha256 is None or f.starter:
                    continue
                destination = root / where
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f.path, destination)
        result.included.append(entry.id)
        if entry.status == "modified":
            result.modified.append(entry.id)
        if entry.status == "starter":
            result.starter.append(entry.id)
    write_manifest(root, build_manifest(entries, generated_at=info.generated_at,
                                        include_code=info.include_code))  # fmt: skip
    _write(root / layout.README, readme(entries, info))
    return result


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


# -- the swap ------------------------------------------------------------------------------


def _swap_in(staging: Path, target: Path) -> None:
    """Put the finished `staging` folder at `target`; delete the build it replaces."""
    if not target.exists():
        try:
            staging.rename(target)
            return
        except OSError as exc:
            raise AiroadmapError(f"Cannot create {target}: {exc.strerror or exc}.") from None
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous build
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    try:
        target.rename(old / "site")
        staging.rename(target)
    except OSError as exc:
        if not target.exists() and (old / "site").exists():
            (old / "site").rename(target)  # put the previous build back
        raise AiroadmapError(f"Cannot replace {target}: {exc.strerror or exc}.") from None
    finally:
        shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False if unavailable."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(done == 0)
