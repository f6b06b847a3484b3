"""Run an exercise's checks in this process on a submission: fast, for tests and mutation runs.

    result = run_inprocess("m03-linreg", {"linreg.py": Path("wrong_alpha.py")})
    result.outcome("ridge_matches_closed_form")   # "FAIL"
    result.checks["from_scratch"].message        # the import fence's verdict

The grader runs the same check functions in its sandbox (`grading/harness.py`); this runner
does what the harness does around them (the working copy on sys.path and as the cwd, the
exercise's bars in the context, the import fence, the `from_scratch` pseudo-check, the same
messages from `grading.explain`), without the process, the limits or the audit hooks: use it
only on code you trust.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise
from airoadmap.errors import GradingError
from airoadmap.grading import api, explain, harness, importfence
from airoadmap.grading.grader import harness_options

__all__ = ["CheckRun", "InprocessResult", "run_inprocess"]

PASS, FAIL, ERROR, NOT_ATTEMPTED = explain.PASS, explain.FAIL, explain.ERROR, explain.NOT_ATTEMPTED
_counter = itertools.count()


@dataclass(frozen=True)
class CheckRun:
    """One check's verdict: its function name, display name, outcome and message."""

    name: str  # the check function's name ("from_scratch" for the import fence's check)
    title: str  # the name the learner sees
    outcome: str  # "PASS", "FAIL", "ERROR" or "NOT_ATTEMPTED"
    message: str
    metrics: dict[str, float] = field(default_factory=dict)


@dataclass
class InprocessResult:
    """The verdicts of one run, by check function name in run order, and ctx.metrics."""

    exercise_id: str
    checks: dict[str, CheckRun]
    metrics: dict[str, float]

    def outcome(self, name: str) -> str:
        """The outcome of the check function `name` (KeyError when it did not run)."""
        return self.checks[name].outcome

    @property
    def passed(self) -> bool:
        """Whether every check that ran passed."""
        return all(c.outcome == PASS for c in self.checks.values())

    def failures(self) -> dict[str, str]:
        """The checks that did not pass: name -> 'OUTCOME: message'."""
        return {n: f"{c.outcome}: {c.message}" for n, c in self.checks.items() if c.outcome != PASS}


def run_inprocess(
    exercise_id: str,
    files: Mapping[str, Path | str],
    *,
    only: Sequence[str] | None = None,
    stop_at_first_failure: bool = False,
    content: Path | None = None,
    workdir: Path | None = None,
) -> InprocessResult:
    """Run the checks of `exercise_id` on a working copy made of `files`.

    files: name in the exercise folder -> a Path to copy, or the source text itself (a str
    naming an existing file, on one line, is taken as its path). Learner files not given come
    from the exercise's solution (so a submission may replace one file of several).
    only: the check function names to run (the import fence's pseudo-check is "from_scratch";
    it runs after the others, when the exercise forbids imports). stop_at_first_failure: stop
    after the first check that does not pass. content: the curriculum root (tests).
    workdir: a folder (that must not exist yet) for the working copy, kept afterwards so a test
    can look inside; by default a temporary one, removed.
    """
    folder = exercise_dir(exercise_id, content)
    exercise = load_model(folder / "exercise.toml", Exercise)
    with contextlib.ExitStack() as stack:
        if workdir is None:
            prefix = f"airoadmap-inprocess-{exercise_id}-"
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix=prefix))
            workdir = Path(tmp).resolve() / "work"
        else:
            workdir = workdir.resolve()
        _build_workdir(workdir, folder, exercise, files)
        specs = _load_checks(exercise_id, folder / exercise.checks)
        fence = importfence.fence(
            workdir, exercise.forbidden_imports, exercise.use_instead, files=exercise.files
        )
        runs: list[tuple[str, str, Callable[[api.Context], None]]] = [
            (s.func.__name__, s.name, s.func) for s in specs
        ]
        if exercise.forbidden_imports:
            check = _from_scratch(fence, exercise.files)
            runs.append((importfence.FROM_SCRATCH_CHECK, importfence.FROM_SCRATCH_NAME, check))
        if only is not None:
            known = {name for name, _, _ in runs}
            unknown = sorted(set(only) - known)
            if unknown:
                raise ValueError(
                    f"{exercise_id} has no check named {', '.join(unknown)} "
                    f"(its checks: {', '.join(sorted(known))})"
                )
            runs = [r for r in runs if r[0] in set(only)]
        learner = explain.Learner(str(workdir), checks_file=str(folder / exercise.checks))
        ctx = api.Context(workdir=workdir, bars=harness_options(exercise)["bars"])
        results: dict[str, CheckRun] = {}
        threads = exercise.limits.threads
        if threads:  # torch mode: torch's threads as in the sandbox, restored afterwards
            stack.callback(_torch_threads_restorer())
        with _learner_session(workdir), fence:
            for name, title, func in runs:
                if threads:
                    harness.pin_torch_threads(threads)
                before = dict(ctx.metrics)
                outcome, message = _run_one(func, ctx, learner)
                if name == importfence.FROM_SCRATCH_CHECK:
                    earlier = [r.outcome for r in results.values()]
                    outcome = importfence.idle_verdict(outcome, earlier)
                metrics = {k: v for k, v in ctx.metrics.items() if before.get(k) != v}
                results[name] = CheckRun(name, title, outcome, message, metrics)
                if stop_at_first_failure and outcome != PASS:
                    break
        return InprocessResult(exercise_id, results, dict(ctx.metrics))


def _torch_threads_restorer() -> Callable[[], None]:
    """A callback that puts torch's thread count back as it is now (when torch is loaded)."""
    torch = sys.modules.get("torch")
    earlier = torch.get_num_threads() if torch is not None else None

    def restore() -> None:
        if earlier is not None:
            harness.pin_torch_threads(earlier)

    return restore


def _run_one(
    func: Callable[[api.Context], None], ctx: api.Context, learner: explain.Learner
) -> tuple[str, str]:
    """(outcome, message) of one check, classified as the harness does."""
    try:
        func(ctx)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        if isinstance(exc, GradingError) and learner.where(exc.__traceback__) is None:
            raise  # the content is broken (a bar checks.py asks for is not declared, ...)
        if explain.forbidden_import(exc) is not None:
            return FAIL, explain.classify(exc, learner)[1]
        outcome, message = explain.classify(exc, learner)
        if isinstance(exc, NotImplementedError):
            outcome = NOT_ATTEMPTED  # also when the code raising it lives outside the copy
        elif isinstance(exc, api.CheckFailed):
            outcome = FAIL
        return outcome, message
    return PASS, ""


def _from_scratch(fence: importfence.Fence, files: Sequence[str]) -> Callable[[api.Context], None]:
    """The fence's from-scratch check, which, run alone, first loads the learner's modules."""
    check = importfence.from_scratch_check(fence)

    def from_scratch(ctx: api.Context) -> None:
        # Run alone (`only`), it loads the learner's modules as the checks before it would,
        # so that what they import at run time is seen too.
        for name in files:
            if name.endswith(".py") and "/" not in name:
                with contextlib.suppress(Exception):
                    ctx.load(name[:-3])
        check(ctx)

    return from_scratch


def _build_workdir(
    workdir: Path, folder: Path, exercise: Exercise, files: Mapping[str, Path | str]
) -> None:
    workdir.mkdir(parents=True)
    for name in exercise.files:
        for source in (folder / "solution" / name, folder / "starter" / name):
            if source.is_file():
                target = workdir / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                break
    for name, given in files.items():
        target = workdir / name
        if not target.resolve().is_relative_to(workdir):
            raise ValueError(f"{name}: a learner file must lie inside the exercise folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(given, Path) or _names_a_file(given):
            shutil.copyfile(given, target)
        else:
            target.write_text(given, encoding="utf-8")


def _names_a_file(text: str) -> bool:
    return "\n" not in text and len(text) < 4096 and os.path.isfile(text)


def _load_checks(exercise_id: str, checks_file: Path) -> list[api.CheckSpec]:
    """Import checks.py afresh under a unique module name; the checks it registers, in order."""
    name = f"_airoadmap_inprocess_{exercise_id.replace('-', '_')}_{next(_counter)}"
    spec = importlib.util.spec_from_file_location(name, checks_file)
    if spec is None or spec.loader is None:
        raise GradingError(f"cannot load {checks_file}")
    module = importlib.util.module_from_spec(spec)
    api.REGISTRY.clear()
    sys.modules[name] = module  # dataclasses in checks.py look their module up
    try:
        spec.loader.exec_module(module)
        specs = list(api.REGISTRY)
    finally:
        api.REGISTRY.clear()
        sys.modules.pop(name, None)
    if not specs:
        raise GradingError(f"{checks_file} registers no checks")
    return specs


@contextlib.contextmanager
def _learner_session(workdir: Path) -> Iterator[None]:
    """The working copy first on sys.path and as the cwd; afterwards every module loaded from
    it leaves sys.modules, and the path, the cwd and the bytecode setting come back."""
    before = set(sys.modules)
    cwd = os.getcwd()
    bytecode = sys.dont_write_bytecode
    sys.path.insert(0, str(workdir))
    sys.dont_write_bytecode = True
    os.chdir(workdir)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)  # files a wrong submission left open
            yield
    finally:
        os.chdir(cwd)
        sys.dont_write_bytecode = bytecode
        with contextlib.suppress(ValueError):
            sys.path.remove(str(workdir))
        root = str(workdir) + os.sep
        for name, module in list(sys.modules.items()):
            where = getattr(module, "__file__", None) or ""
            if where.startswith(root) or (name not in before and _is_learner_name(name, workdir)):
                sys.modules.pop(name, None)


def _is_learner_name(name: str, workdir: Path) -> bool:
    top = name.split(".")[0]
    return (workdir / f"{top}.py").exists() or (workdir / top).is_dir()
