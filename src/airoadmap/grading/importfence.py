"""The from-scratch fence: the learner's files may not import what the exercise forbids.

Runs inside the harness (child) process, so it imports only the standard library.

    problems = scan(workdir, ["sklearn", "scipy"], "NumPy")    # static: every learner .py file
    with fence(workdir, ["sklearn", "scipy"], "NumPy") as f:    # runtime: while checks run
        ...                                                    # f.violations: what was tried

At run time the fence wraps `builtins.__import__`, `importlib.import_module` and
`importlib.__import__`. An import of a forbidden module (a top-level name like "sklearn", or a
dotted prefix like "scipy.linalg") raises ForbiddenImport when the code asking for it is in a
file under the learner's folder (found by walking the frames from the caller past importlib's
own and exec'd strings); everything else (the checks, NumPy, scikit-learn itself) imports
freely. Each refusal is recorded, so a learner's `except ImportError` cannot hide it. This stops
honest shortcuts, not a determined cheat (the static scan also catches the usual indirections:
module names in strings, `sys.modules["sklearn"]`).
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType, ModuleType, TracebackType
from typing import Any

__all__ = [
    "FROM_SCRATCH_CHECK",
    "FROM_SCRATCH_NAME",
    "Fence",
    "ForbiddenImport",
    "fence",
    "from_scratch_check",
    "idle_verdict",
    "scan",
]

FROM_SCRATCH_CHECK = "from_scratch"  # the pseudo-check's function name
FROM_SCRATCH_NAME = "uses only the libraries the brief allows"  # its display name
_SKIP_DIRS = frozenset({"__pycache__", ".git", ".venv", "venv", "node_modules"})
_MAX_FILE_BYTES = 2_000_000
_IMPORTLIB_DIR = os.path.dirname(os.path.realpath(importlib.__file__))


def idle_verdict(outcome: str, others: Sequence[str]) -> str:
    """The from-scratch check's outcome given the exercise's own: a pass means nothing while
    no other check was attempted (an untouched starter imports nothing forbidden either)."""
    if outcome == "PASS" and others and all(o == "NOT_ATTEMPTED" for o in others):
        return "NOT_ATTEMPTED"
    return outcome


def from_scratch_check(fence: Fence) -> Callable[[Any], None]:
    """The pseudo-check run after the exercise's own: it fails with the first problem the
    fence found, in the learner's files or tried at run time."""

    def from_scratch(ctx: Any) -> None:
        problems = fence.problems()
        if problems:
            from airoadmap.grading.api import fail

            fail(problems[0])

    from_scratch.__name__ = FROM_SCRATCH_CHECK
    return from_scratch


class ForbiddenImport(ImportError):
    """The learner's code imported a module the exercise forbids (message: one line)."""


def message(where: str, module: str, use_instead: str, *, how: str = "imports") -> str:
    """The one-line explanation, e.g. 'linreg.py:3 imports sklearn, which ... forbids: ...'."""
    instead = f"write it with {use_instead}" if use_instead else "write it yourself"
    return (
        f"{where} {how} {module}, which this from-scratch exercise forbids: {instead} "
        "(the brief lists what you may use)."
    )


def forbidden_name(name: str, forbidden: Sequence[str]) -> str | None:
    """The entry of `forbidden` that module `name` falls under (itself or a submodule), or None."""
    for entry in forbidden:
        if name == entry or name.startswith(entry + "."):
            return entry
    return None


def scan(
    workdir: Path,
    forbidden: Sequence[str],
    use_instead: str,
    *,
    files: Sequence[str] | None = None,
) -> list[str]:
    """One-line messages for every forbidden import the learner's .py files spell out.

    files: the exercise's learner files (names in `workdir`); scanned with every module of
    the folder they import, directly or not (a learner's own comparison script that imports
    scikit-learn is not their submission). None: every .py file in `workdir`.
    Finds import statements, `importlib.import_module("x")`, `__import__("x")` and any string
    literal that names a forbidden module (e.g. `sys.modules["sklearn"]`). Files that do not
    parse are skipped (the checks report the syntax error).
    """
    if not forbidden:
        return []
    root = Path(workdir)
    found: list[str] = []
    for path, tree in _parsed(root, files):
        shown = path.relative_to(root).as_posix()
        hits: list[tuple[int, int, str, str]] = []
        for node in ast.walk(tree):
            for module, how in _named_modules(node):
                if forbidden_name(module, forbidden):
                    line = getattr(node, "lineno", 0)
                    hits.append((line, getattr(node, "col_offset", 0), module, how))
        seen: set[int] = set()
        for line, _col, module, how in sorted(hits):
            if line not in seen:  # one message per line: `import sklearn` is also a string
                seen.add(line)
                found.append(message(f"{shown}:{line}", module, use_instead, how=how))
    return found


def _parsed(root: Path, files: Sequence[str] | None) -> Iterator[tuple[Path, ast.Module]]:
    """(path, tree) of the files to scan: `files`, then the folder's modules they import
    (transitively) by path; or every .py file by path when `files` is None."""
    if files is None:
        for path in _learner_files(root):
            tree = _parse(path)
            if tree is not None:
                yield path, tree
        return
    first = [root / name for name in files if name.endswith(".py")]
    pending = list(first)
    trees: dict[Path, ast.Module] = {}
    seen: set[Path] = set()
    while pending:
        path = pending.pop()
        if path in seen or not path.is_file() or path.is_symlink():
            continue
        seen.add(path)
        tree = _parse(path)
        if tree is not None:
            trees[path] = tree
            pending.extend(_local_modules(root, path, tree))
    order = [p for p in first if p in trees] + sorted(p for p in trees if p not in first)
    for path in order:
        yield path, trees[path]


def _parse(path: Path) -> ast.Module | None:
    try:
        if path.stat().st_size > _MAX_FILE_BYTES:
            return None
        return ast.parse(path.read_bytes(), filename=str(path))
    except (SyntaxError, ValueError, OSError):
        return None


def _local_modules(root: Path, path: Path, tree: ast.Module) -> set[Path]:
    """The files under `root` that the module `path` imports (absolutely or relatively)."""
    names: set[tuple[Path, str]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update((root, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = root
            if node.level:
                base = path.parent
                for _ in range(node.level - 1):
                    base = base.parent
            module = node.module or ""
            names.add((base, module))
            names.update((base, f"{module}.{a.name}".strip(".")) for a in node.names)
        elif isinstance(node, ast.Call) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add((root, first.value))
    found: set[Path] = set()
    for base, dotted in names:
        parts = [p for p in dotted.split(".") if p]
        if not all(p.isidentifier() for p in parts):
            continue
        for end in range(1, len(parts) + 1):
            stem = base.joinpath(*parts[:end])
            for candidate in (stem.with_suffix(".py"), stem / "__init__.py"):
                if candidate.is_file() and candidate.resolve().is_relative_to(root.resolve()):
                    found.add(candidate)
    return found


def _learner_files(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if name.endswith(".py") and not path.is_symlink():
                try:
                    if path.stat().st_size <= _MAX_FILE_BYTES:
                        yield path
                except OSError:
                    continue


def _named_modules(node: ast.AST) -> Iterator[tuple[str, str]]:
    """(module, verb) pairs a node names: imports, import calls, module names in strings."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, "imports"
    elif isinstance(node, ast.ImportFrom):
        if node.level == 0 and node.module:
            yield node.module, "imports"
            for alias in node.names:
                yield f"{node.module}.{alias.name}", "imports"
    elif isinstance(node, ast.Call):
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0] if node.args else None
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            return
        if called in ("import_module", "__import__"):
            yield first.value, "imports"
        elif called in ("exec", "eval", "compile") and len(first.value) < 100_000:
            try:  # code in a string: what it imports counts at the line of the call
                inner = ast.parse(first.value)
            except (SyntaxError, ValueError):
                return
            for sub in ast.walk(inner):
                yield from _named_modules(sub)
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value.strip()
        if text and len(text) < 200 and all(part.isidentifier() for part in text.split(".")):
            yield text, "names the module"


class Fence:
    """The runtime fence (see `fence`); `violations` holds the one-line messages, in order."""

    def __init__(
        self,
        workdir: Path | str,
        forbidden: Sequence[str],
        use_instead: str,
        files: Sequence[str] | None = None,
    ) -> None:
        self.root = os.path.realpath(workdir)
        self.forbidden = tuple(forbidden)
        self.use_instead = use_instead
        self.files = None if files is None else tuple(files)
        self.violations: list[str] = []
        self._saved: tuple[Any, Any, Any] | None = None
        self._owns: dict[str, bool] = {}

    def problems(self) -> list[str]:
        """What the from_scratch pseudo-check reports: the static scan, then what was tried."""
        found = scan(Path(self.root), self.forbidden, self.use_instead, files=self.files)
        return found + [v for v in self.violations if v not in found]

    def __enter__(self) -> Fence:
        if not self.forbidden or self._saved is not None:
            return self
        original_import = builtins.__import__
        original_import_module = importlib.import_module
        original_importlib_import = importlib.__import__
        self._saved = (original_import, original_import_module, original_importlib_import)
        fence_ = self

        def guarded_import(
            name: str,
            globals: Mapping[str, object] | None = None,
            locals: Mapping[str, object] | None = None,
            fromlist: Sequence[str] | None = (),
            level: int = 0,
        ) -> ModuleType:
            if level == 0 and name:
                fence_._judge(name, fromlist or (), sys._getframe(1))
            return original_import(name, globals, locals, fromlist, level)

        def guarded_importlib_import(
            name: str,
            globals: Mapping[str, object] | None = None,
            locals: Mapping[str, object] | None = None,
            fromlist: Sequence[str] | None = (),
            level: int = 0,
        ) -> ModuleType:
            if level == 0 and name:
                fence_._judge(name, fromlist or (), sys._getframe(1))
            return original_importlib_import(name, globals, locals, fromlist, level)

        def guarded_import_module(name: str, package: str | None = None) -> ModuleType:
            absolute = name
            if name.startswith(".") and package:
                with contextlib.suppress(ImportError, ValueError):
                    absolute = importlib.util.resolve_name(name, package)
            fence_._judge(absolute, (), sys._getframe(1))
            return original_import_module(name, package)

        guarded_import_module.__doc__ = original_import_module.__doc__
        builtins.__import__ = guarded_import
        importlib.import_module = guarded_import_module
        importlib.__import__ = guarded_importlib_import
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._saved is not None:
            original_import, original_import_module, original_importlib_import = self._saved
            builtins.__import__ = original_import
            importlib.import_module = original_import_module
            importlib.__import__ = original_importlib_import
            self._saved = None

    def _judge(self, name: str, fromlist: Sequence[str], frame: FrameType | None) -> None:
        """Raise (and record) ForbiddenImport if `name` is forbidden and a learner file asks."""
        module = None
        if forbidden_name(name, self.forbidden):
            module = name
        else:
            for item in fromlist:
                if isinstance(item, str) and forbidden_name(f"{name}.{item}", self.forbidden):
                    module = f"{name}.{item}"
                    break
        if module is None:
            return
        frame = self._first_real_frame(frame)
        if frame is None or not self._is_learners(frame.f_code.co_filename):
            return
        real = os.path.realpath(frame.f_code.co_filename)
        shown = os.path.relpath(real, self.root).replace(os.sep, "/")
        text = message(f"{shown}:{frame.f_lineno}", module, self.use_instead)
        if text not in self.violations:
            self.violations.append(text)
        raise ForbiddenImport(text, name=module)

    @staticmethod
    def _first_real_frame(frame: FrameType | None) -> FrameType | None:
        """The first frame, from `frame` outwards, in a real file that is not importlib's."""
        while frame is not None:
            filename = frame.f_code.co_filename
            if (
                filename
                and not filename.startswith("<")
                and not os.path.realpath(filename).startswith(_IMPORTLIB_DIR + os.sep)
            ):
                return frame
            frame = frame.f_back
        return None

    def _is_learners(self, filename: str) -> bool:
        known = self._owns.get(filename)
        if known is None:
            known = os.path.realpath(filename).startswith(self.root + os.sep)
            self._owns[filename] = known
        return known


def fence(
    workdir: Path | str,
    forbidden: Sequence[str],
    use_instead: str,
    *,
    files: Sequence[str] | None = None,
) -> Fence:
    """A context manager that refuses (and records) forbidden imports by the learner's files.

    files: the exercise's learner files, for the static scan of `Fence.problems` (see scan).
    """
    return Fence(workdir, forbidden, use_instead, files)

