"""Running every mutant's checks in its own process, and the report of what they killed."""

from __future__ import annotations

import ast
import contextlib
import multiprocessing
import os
import signal
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from airoadmap.authoring.mutation.mutants import Mutant, enumerate_mutants, select
from airoadmap.authoring.mutation.survivors import MUTATION_FILE, Survivor, load_survivors

GOAL_KILL_RATE = 0.95


@dataclass(frozen=True)
class MutantResult:
    """What the checks did to one mutant.

    status: "killed" (a check did not pass), "import-crash" (the module fails to import),
    "timeout", "crashed" (its process died without a verdict, as a hard crash would end a
    grading run), "survived", or "error" (the tool failed: the process did not start, or the
    runner raised; no verdict either way).
    """

    mutant: Mutant
    status: str
    check: str = ""  # the first check that did not pass
    detail: str = ""  # its outcome and message, or the crash
    seconds: float = 0.0

    @property
    def killed(self) -> bool:
        return self.status in KILLED


KILLED = ("killed", "import-crash", "timeout", "crashed")


@dataclass
class MutationReport:
    """The mutation run of one exercise."""

    exercise_id: str
    files: list[str]
    total: int  # mutants enumerated
    results: list[MutantResult]
    declared: dict[str, Survivor]
    baseline_s: float
    timeout_s: float
    elapsed_s: float
    jobs: int
    limited: bool = False

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def tested(self) -> int:
        return len(self.results)

    @property
    def killed(self) -> int:
        """Killed by any means: a check, an import crash, the time limit, a crash."""
        return sum(r.killed for r in self.results)

    @property
    def survivors(self) -> list[MutantResult]:
        return [r for r in self.results if r.status == "survived"]

    @property
    def errors(self) -> list[MutantResult]:
        """Mutants the tool could not judge (they count neither way; see `detail`)."""
        return [r for r in self.results if r.status == "error"]

    @property
    def equivalent(self) -> list[MutantResult]:
        """Survivors mutation.toml declares harmless."""
        return [r for r in self.survivors if r.mutant.key in self.declared]

    @property
    def unlisted(self) -> list[MutantResult]:
        """Survivors nobody explained: each needs a check or a [[survivor]] entry."""
        return [r for r in self.survivors if r.mutant.key not in self.declared]

    @property
    def kill_rate(self) -> float | None:
        """killed / (judged mutants - declared-equivalent survivors); None when none count."""
        counted = self.tested - len(self.errors) - len(self.equivalent)
        return self.killed / counted if counted else None

    @property
    def goal_met(self) -> bool:
        """At least GOAL_KILL_RATE, and every mutant judged."""
        rate = self.kill_rate
        return not self.errors and (rate is None or rate >= GOAL_KILL_RATE)

    @property
    def declared_but_killed(self) -> list[str]:
        """Keys listed as harmless whose mutant the checks now kill (stale entries)."""
        return sorted(
            r.mutant.key for r in self.results if r.killed and r.mutant.key in self.declared
        )

    @property
    def declared_unknown(self) -> list[str]:
        """Keys listed that match no mutant (only meaningful without --limit)."""
        if self.limited:
            return []
        keys = {r.mutant.key for r in self.results}
        return sorted(k for k in self.declared if k not in keys)

    def to_json(self) -> dict[str, Any]:
        def result(r: MutantResult) -> dict[str, Any]:
            fields = asdict(r.mutant)
            fields.pop("source")
            return {
                **fields,
                "status": r.status,
                "check": r.check,
                "detail": r.detail,
                "seconds": round(r.seconds, 3),
            }

        def survivor(r: MutantResult) -> dict[str, Any]:
            entry = self.declared.get(r.mutant.key)
            return {**result(r), "why": entry.why if entry else None}

        return {
            "exercise": self.exercise_id,
            "files": self.files,
            "mutants": self.total,
            "tested": self.tested,
            "killed": self.killed,
            "killed_by_checks": self.count("killed"),
            "killed_at_import": self.count("import-crash"),
            "timed_out": self.count("timeout"),
            "crashed": self.count("crashed"),
            "errors": len(self.errors),
            "declared_equivalent": len(self.equivalent),
            "unlisted_survivors": len(self.unlisted),
            "kill_rate": self.kill_rate,
            "goal": GOAL_KILL_RATE,
            "goal_met": self.goal_met,
            "baseline_s": round(self.baseline_s, 3),
            "timeout_s": round(self.timeout_s, 3),
            "elapsed_s": round(self.elapsed_s, 3),
            "jobs": self.jobs,
            "limited": self.limited,
            "declared_but_killed": self.declared_but_killed,
            "declared_unknown": self.declared_unknown,
            "results": [result(r) for r in self.results],
            "survivors": [survivor(r) for r in self.survivors],
            "error_details": [result(r) for r in self.errors],
        }


Progress = Callable[[int, int, MutantResult | None], None]


def run_mutation(
    exercise_id: str,
    *,
    limit: int | None = None,
    jobs: int = 2,
    timeout_s: float | None = None,
    progress: Progress | None = None,
    content: Path | None = None,
) -> MutationReport:
    """Mutate the reference solution of `exercise_id` and run its checks on every mutant.

    limit: test this many mutants, spread evenly over the file(s). jobs: mutants run at once,
    each in its own process. timeout_s: per mutant (default: the exercise's time limit, or
    four times the reference solution's own run if that is longer). progress(done, total,
    result) is called once before the first mutant (result None) and after each one.
    content: the curriculum root (tests).
    """
    from airoadmap.curriculum.loader import exercise_dir, load_model
    from airoadmap.curriculum.models import Exercise
    from airoadmap.errors import AiroadmapError, UnknownIdError

    if jobs < 1:
        raise AiroadmapError(f"--jobs {jobs}: give at least 1")
    if limit is not None and limit < 1:
        raise AiroadmapError(f"--limit {limit}: give at least 1")
    folder = exercise_dir(exercise_id, content)
    if not (folder / "exercise.toml").is_file():
        known = sorted(p.parent.name for p in folder.parent.glob("*/exercise.toml"))
        raise UnknownIdError("exercise", exercise_id, known)
    exercise = load_model(folder / "exercise.toml", Exercise)
    declared = load_survivors(folder)
    files = [f for f in exercise.files if f.endswith(".py")]
    if not files:
        raise AiroadmapError(f"{exercise_id} has no Python file to mutate: {exercise.files}")
    mutants: list[Mutant] = []
    for name in files:
        path = folder / "solution" / name
        if not path.is_file():
            raise AiroadmapError(
                f"{exercise_id} has no reference solution {path}: nothing to mutate"
            )
        text = path.read_text(encoding="utf-8")
        mutants += enumerate_mutants(text, name, first_id=len(mutants) + 1)
    chosen = select(mutants, limit)
    started = time.monotonic()
    limits = exercise.limits
    with _Pool(exercise_id, content, jobs, folder / exercise.checks, limits.memory_mb) as pool:
        original = _original(folder, files)
        baseline = pool.run_many([original], timeout_s=max(4 * limits.timeout_s, 120.0))[0]
        if baseline.status != "survived":
            raise AiroadmapError(
                f"the reference solution of {exercise_id} does not pass its own checks "
                f"({baseline.status} in {baseline.check or 'loading'}: {baseline.detail}): "
                "fix that before mutation testing"
            )
        per_mutant = timeout_s or max(limits.timeout_s, 4 * baseline.seconds)
        if progress:
            progress(0, len(chosen), None)
        done = 0

        def tick(result: MutantResult) -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, len(chosen), result)

        results = pool.run_many(chosen, timeout_s=per_mutant, on_result=tick)
    return MutationReport(
        exercise_id=exercise_id,
        files=files,
        total=len(mutants),
        results=results,
        declared=declared,
        baseline_s=baseline.seconds,
        timeout_s=per_mutant,
        elapsed_s=time.monotonic() - started,
        jobs=jobs,
        limited=len(chosen) < len(mutants),
    )


def _original(folder: Path, files: Sequence[str]) -> Mutant:
    """The unmutated solution, run first: it must pass (the baseline)."""
    name = files[0]
    source = (folder / "solution" / name).read_text(encoding="utf-8")
    return Mutant(0, "original", name, 0, 0, "none", "the reference solution", source)


class _Pool:
    """Up to `jobs` mutants at once, each in its own process (a forkserver child, its own
    process group), killed with its group at the time limit."""

    def __init__(
        self, exercise_id: str, content: Path | None, jobs: int, checks: Path, memory_mb: int
    ) -> None:
        self.exercise_id = exercise_id
        self.content = content
        self.jobs = jobs
        self.memory_mb = memory_mb
        self._preload = _check_imports(checks)
        self._tmp = tempfile.TemporaryDirectory(prefix=f"airoadmap-mutate-{exercise_id}-")

    def __enter__(self) -> _Pool:
        methods = multiprocessing.get_all_start_methods()
        method = "forkserver" if "forkserver" in methods else "spawn"
        self._ctx: Any = multiprocessing.get_context(method)
        if method == "forkserver":
            preload = [__name__, "airoadmap.authoring.runner", *self._preload]
            self._ctx.set_forkserver_preload(preload)
        return self

    def __exit__(self, *exc: object) -> None:
        self._tmp.cleanup()

    def run_many(
        self,
        mutants: Sequence[Mutant],
        *,
        timeout_s: float,
        on_result: Callable[[MutantResult], None] | None = None,
    ) -> list[MutantResult]:
        """Results in the order of `mutants`."""
        from multiprocessing.connection import wait

        pending = list(enumerate(mutants))
        pending.reverse()
        running: dict[int, _Running] = {}
        results: dict[int, MutantResult] = {}
        with _single_threaded_children():
            while pending or running:
                while pending and len(running) < self.jobs:
                    index, mutant = pending.pop()
                    running[index] = self._start(mutant)
                for index, run in list(running.items()):
                    result = run.poll(timeout_s)
                    if result is None:
                        continue
                    del running[index]
                    results[index] = result
                    if on_result:
                        on_result(result)
                if running:
                    soonest = min(r.began for r in running.values()) + timeout_s
                    handles = [h for r in running.values() for h in (r.receive, r.proc.sentinel)]
                    wait(handles, timeout=max(0.01, min(1.0, soonest - time.monotonic())))
        return [results[i] for i in range(len(mutants))]

    def _start(self, mutant: Mutant) -> _Running:
        receive, send = self._ctx.Pipe(duplex=False)
        proc = self._ctx.Process(
            target=_child,
            args=(
                send,
                self.exercise_id,
                self.content,
                mutant.file,
                mutant.source,
                self._tmp.name,
                self.memory_mb,
            ),
            daemon=True,
        )
        with _main_module_hidden():
            proc.start()
        send.close()
        return _Running(proc, receive, time.monotonic(), mutant)


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start a process without the parent's __main__: by default multiprocessing re-runs
    the main script (the CLI, a benchmark, pytest) in every child, which costs time and
    breaks the child when that script is being edited. `_child` needs none of it."""
    import sys
    import types

    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


@dataclass
class _Running:
    """One mutant's process while it runs."""

    proc: Any
    receive: Connection
    began: float
    mutant: Mutant
    started: bool = False  # the child said it is running `_child`

    def poll(self, timeout_s: float) -> MutantResult | None:
        """Its result once there is one: a verdict, a death, or the time limit."""
        elapsed = time.monotonic() - self.began
        while self.receive.poll():
            try:
                data = self.receive.recv()
            except (EOFError, OSError):
                break
            if data["status"] == "started":
                self.started = True
                continue
            self._end()
            return MutantResult(
                self.mutant,
                data["status"],
                data.get("check", ""),
                data.get("detail", ""),
                float(data.get("seconds", elapsed)),
            )
        if not self.proc.is_alive():
            self._end()
            code = self.proc.exitcode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            if not self.started:
                return self._result("error", f"the process failed to start ({how})", elapsed)
            return self._result("crashed", f"the process died ({how})", elapsed)
        if elapsed > timeout_s:
            self._end()
            return self._result("timeout", f"over the {timeout_s:.0f} s limit", elapsed)
        return None

    def _result(self, status: str, detail: str, elapsed: float) -> MutantResult:
        return MutantResult(self.mutant, status, "", detail, elapsed)

    def _end(self) -> None:
        _kill_group(self.proc)
        self.receive.close()


def _kill_group(proc: Any) -> None:
    """Kill the child and anything it started (it leads its own process group)."""
    if proc.pid is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.join(timeout=5)


@contextlib.contextmanager
def _single_threaded_children() -> Iterator[None]:
    """BLAS and OpenMP on one thread in the children (the jobs share the cores); the
    forkserver takes its environment when it starts."""
    names = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {n: os.environ.get(n) for n in names}
    for n in names:
        os.environ.setdefault(n, "1")
    try:
        yield
    finally:
        for n, value in saved.items():
            if value is None:
                os.environ.pop(n, None)
            else:
                os.environ[n] = value


def _check_imports(checks: Path) -> list[str]:
    """The modules checks.py imports, at the top or inside a check (the forkserver preloads
    them once, instead of every mutant's process importing them again)."""
    try:
        tree = ast.parse(checks.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return []
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)  # and `from sklearn import metrics` may name a module:
            names += [f"{node.module}.{a.name}" for a in node.names]  # a miss is skipped
    return sorted(set(names))


def _child(
    send: Connection,
    exercise_id: str,
    content: Path | None,
    file: str,
    source: str,
    tmp: str,
    memory_mb: int,
) -> None:
    """In the mutant's process: import it, then run the checks; send one verdict."""
    send.send({"status": "started"})
    os.setsid()
    _limit_memory(memory_mb)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    tempfile.tempdir = tmp
    os.environ["TMPDIR"] = tmp
    started = time.monotonic()
    from airoadmap.curriculum.loader import exercise_dir

    crash = _import_crash(file, source, tmp, exercise_dir(exercise_id, content) / "solution")
    if crash is not None:
        send.send({"status": "import-crash", "detail": crash,
                   "seconds": time.monotonic() - started})
        return
    try:
        from airoadmap.authoring.runner import run_inprocess

        result = run_inprocess(exercise_id, {file: source}, stop_at_first_failure=True,
                               content=content)
    except BaseException as exc:  # the content or the runner broke: not the mutant's verdict
        send.send({"status": "error", "check": "", "detail":
                   f"the runner raised {type(exc).__name__}: {exc}"[:300],
                   "seconds": time.monotonic() - started})
        return
    seconds = time.monotonic() - started
    for name, run in result.checks.items():
        if run.outcome != "PASS":
            send.send({"status": "killed", "check": name,
                       "detail": f"{run.outcome}: {run.message}"[:300], "seconds": seconds})
            return
    send.send({"status": "survived", "seconds": seconds})


def _limit_memory(memory_mb: int) -> None:
    """Cap the address space at what the process has now plus the exercise's memory limit
    and 1 GiB (as the grader's sandbox allows for imports): a memory bomb fails fast."""
    try:
        import resource

        with open("/proc/self/statm") as f:
            now = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = now + (memory_mb + 1024) * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        pass  # not Linux: the time limit still ends a runaway mutant


def _import_crash(file: str, source: str, tmp: str, solution: Path | None = None) -> str | None:
    """The error the mutant raises when its module is imported, or None. The solution's other
    top-level modules sit beside it (a learner file may import another: `import data`)."""
    import importlib.util
    import shutil
    import sys

    folder = Path(tempfile.mkdtemp(prefix="import-", dir=tmp))
    for other in sorted(solution.glob("*.py")) if solution is not None else []:
        shutil.copyfile(other, folder / other.name)
    path = folder / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    name = f"_airoadmap_mutant_{Path(file).stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        return f"cannot load {file}"
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, str(folder))
    try:
        spec.loader.exec_module(module)
    except BaseException as exc:
        return f"{type(exc).__name__}: {exc}"[:300]
    finally:
        sys.modules.pop(name, None)
        sys.path.remove(str(folder))
    return None


# -- rendering -------------------------------------------------------------------------------


def report_lines(report: MutationReport) -> list[str]:
    """The report as plain lines: the figures, then each unlisted survivor and stale entry."""
    rate = report.kill_rate
    shown = "n/a" if rate is None else f"{rate:.1%}"
    sample = f" (a sample of {report.tested} of {report.total})" if report.limited else ""
    crashed = f", {report.count('crashed')} crashed" if report.count("crashed") else ""
    lines = [
        f"{report.exercise_id}: {report.tested} mutants{sample} of {', '.join(report.files)}, "
        f"{report.killed} killed ({report.count('killed')} by a check, "
        f"{report.count('import-crash')} at import, {report.count('timeout')} timed out"
        f"{crashed}), {len(report.equivalent)} declared equivalent, {len(report.unlisted)} "
        f"unlisted survivors.",
        f"Kill rate {shown} (goal {GOAL_KILL_RATE:.0%}: {'met' if report.goal_met else 'NOT met'})"
        f"; {report.elapsed_s:.0f} s, {report.jobs} jobs, {report.timeout_s:.0f} s per mutant.",
    ]
    if report.unlisted:
        lines.append("")
        lines.append(
            f"Survivors: add a check that kills each, or a [[survivor]] entry with its key and "
            f"why to {MUTATION_FILE} if it cannot change behaviour:"
        )
        for r in report.unlisted:
            m = r.mutant
            lines.append(f"  {m.file}:{m.line}  {m.description}")
            lines.append(f'      key = "{m.key}"')
    if report.errors:
        lines.append("")
        lines.append(f"Not judged ({len(report.errors)}: the tool failed, run again):")
        lines += [f"  {r.mutant.file}:{r.mutant.line}  {r.detail}" for r in report.errors]
    if report.declared_but_killed:
        lines.append("")
        lines.append(f"Listed in {MUTATION_FILE} but killed now (remove the entry):")
        lines += [f"  {k}" for k in report.declared_but_killed]
    if report.declared_unknown:
        lines.append("")
        lines.append(f"Listed in {MUTATION_FILE} but no mutant has that key (remove the entry):")
        lines += [f"  {k}" for k in report.declared_unknown]
    return lines
