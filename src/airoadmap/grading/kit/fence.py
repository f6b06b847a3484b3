"""A fence around a data set's files while a check runs the learner's model.

A model graded on held-out rows must learn only from the rows `fit` receives. A submission
that reads the data set itself (calls `load_frame("titanic")`, or `pd.read_csv` on the
file) sees the held-out rows, and maybe their labels, so its score means nothing. Inside
`fence.closed(...)`, opening any file of the fenced data sets raises `DataFenceError` and is
remembered, so a submission that catches the error still fails the check.

It works through an audit hook (`sys.addaudithook`, installed once per process and idle
outside `closed`): Python audits every `open()` and `os.open()`, which is how pandas, numpy
and the registry read files. Like every audit hook it stops honest mistakes and casual
shortcuts, not a determined cheat. The check loads its own data before closing the fence.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from airoadmap.grading.api import Context, fail


class DataFenceError(PermissionError):
    """The learner's code opened a file of a data set it must not read."""


@dataclass
class _State:
    names: frozenset[str] = frozenset()  # file names of the fenced data sets
    folders: tuple[str, ...] = ()  # their cache folders (realpaths)
    opened: list[str] = field(default_factory=list)
    installed: bool = False


_STATE = _State()


def fenced_files(dataset: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The file names a data set is read from (cache and providers) and its cache folder."""
    from airoadmap.datasets import dataset_dir, get_spec

    spec = get_spec(dataset)
    names = {f.filename for f in spec.files}
    for provider in spec.providers:
        names.update(Path(rel).name for rel in provider.paths.values())
    return frozenset(names), (os.path.realpath(dataset_dir(dataset)),)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event != "open" or not (_STATE.names or _STATE.folders):
        return
    path = args[0]
    if isinstance(path, int):
        return
    try:
        text = os.fsdecode(os.fspath(path))
    except TypeError:
        return
    hit = os.path.basename(text) in _STATE.names
    if not hit and _STATE.folders:
        real = os.path.realpath(text)
        hit = any(real.startswith(folder + os.sep) for folder in _STATE.folders)
    if hit:
        _STATE.opened.append(text)
        raise DataFenceError(f"reading {text} is not allowed while the model is being checked")


@contextmanager
def closed(*datasets: str, folders: Sequence[str | os.PathLike[str]] = ()) -> Iterator[list[str]]:
    """Refuse reads of `datasets`' files, and of any file under `folders` (e.g. package texts
    an exercise trains on), inside the block; yields the list of refused paths.

    The list stays filled after the block, even when the learner's code caught the error:
    test it (non-empty: the code tried to read the data set).
    """
    names: set[str] = set()
    refused = [os.path.realpath(folder) for folder in folders]
    for dataset in datasets:
        file_names, cache = fenced_files(dataset)
        names |= file_names
        refused.extend(cache)
    if not _STATE.installed:
        sys.addaudithook(_hook)
        _STATE.installed = True
    opened: list[str] = []
    previous = (_STATE.names, _STATE.folders, _STATE.opened)
    _STATE.names, _STATE.folders, _STATE.opened = frozenset(names), tuple(refused), opened
    try:
        yield opened
    finally:
        _STATE.names, _STATE.folders, _STATE.opened = previous


@contextmanager
def learner_code(dataset: str, title: str, module: str, what: str) -> Iterator[None]:
    """Run the learner's code (`what` it is doing, for the message) with `dataset`'s files
    closed: a read fails the check, even when the learner's code caught the refusal."""
    with closed(dataset) as opened:
        try:
            yield
        except DataFenceError:
            pass  # reported below, with what the code was doing
        finally:
            if opened:
                fail(
                    f"{module}.py read the {title} data set itself ({opened[0]}) while {what}. "
                    "The test images must never reach training: train() learns only from the "
                    "images it receives, and the checks keep the test set. Load data only "
                    'under `if __name__ == "__main__":`.'
                )


@dataclass(frozen=True)
class FencedModule:
    """The learner's module, imported and called with `dataset`'s files closed (learner_code):
    one per checks module, e.g. `LEARNER = FencedModule("fashion-mnist", "Fashion-MNIST",
    "mlp")`."""

    dataset: str
    title: str  # the data set's name in messages
    module: str  # the learner's module, without .py

    def running(self, what: str) -> AbstractContextManager[None]:
        """The fence around learner code that is doing `what` (for the message)."""
        return learner_code(self.dataset, self.title, self.module, what)

    def load(self, ctx: Context) -> Any:
        """The learner's module, imported behind the fence."""
        module: Any = None
        with self.running("being imported"):
            module = ctx.load(self.module)
        return module

    def function(self, ctx: Context, name: str) -> Callable[..., Any]:
        """The learner's function `name`; a check fails in one line when there is none."""
        func = getattr(self.load(ctx), name, None)
        if not callable(func):
            fail(f"{self.module}.py defines no {name}: keep the names of the starter.")
        return func

    def call(self, ctx: Context, name: str, *args: Any, **kwargs: Any) -> Any:
        """The learner's `name(*args, **kwargs)`, run behind the fence."""
        func = self.function(ctx, name)
        result: Any = None
        with self.running(f"{name}() ran"):
            result = func(*args, **kwargs)
        return result
