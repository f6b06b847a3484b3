"""Grade one exercise: copy the learner's folder, run its checks in the sandbox, explain.

    report = grade(exercise, exercise_dir, learner_dir)

`grade` returns a GradeReport for anything the learner's code does (wrong answers, crashes,
endless loops, memory bombs, missing files); it raises GradingError only when the grader
itself cannot run (the exercise's checks are missing or broken, Python cannot start).
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airoadmap.errors import GradingError
from airoadmap.grading import explain, importfence, printed, sandbox, workcopy
from airoadmap.grading.sandbox import HarnessRun, SandboxLimits
from airoadmap.results import CheckResult, GradeReport, Outcome, in_progress, roll_up

if TYPE_CHECKING:  # not at run time: `check` must not import pydantic (see cli/fastcheck.py)
    from airoadmap.curriculum.models import Exercise

__all__ = ["grade", "harness_options"]

LOAD_CHECK = "your code loads"
UNTOUCHED = "You have not changed the starter yet: open BRIEF.md"
_CHANNEL_LOST = 70  # harness.py exits with this when its report pipe was closed
_CRASH_SIGNALS = {
    "SIGSEGV": "a segmentation fault: memory read or written outside what the program owns",
    "SIGBUS": "a bus error: a bad memory access",
    "SIGILL": "an illegal instruction",
    "SIGFPE": "an arithmetic fault in C code",
    "SIGABRT": "an abort in C code",
}
_MEMORY_WORDS = ("MemoryError", "Cannot allocate memory", "bad_alloc", "out of memory")
_PLACE = re.compile(r"\(([^()\s]+ line \d+)\)")
_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)', re.MULTILINE)


def grade(
    exercise: Exercise,
    exercise_dir: Path,
    learner_dir: Path,
    *,
    shortcut_untouched: bool = True,
    isolate: bool = True,
    extra_env: dict[str, str] | None = None,
) -> GradeReport:
    """Check the learner's files of `exercise` in `learner_dir` against the exercise's checks.

    exercise_dir: the exercise's content folder (checks.py, starter/). learner_dir: the
    learner's folder holding `exercise.files`; it is copied, never changed. With
    `shortcut_untouched`, an unchanged starter reads NOT_ATTEMPTED without running anything.
    `isolate=False` skips the namespaces (for benchmarks); `extra_env` adds variables to the
    otherwise scrubbed environment of the checks.
    """
    started = time.monotonic()
    if os.name != "posix":
        raise GradingError("Checking runs on Linux and macOS; on Windows, use WSL.")
    exercise_dir = Path(exercise_dir)
    learner_dir = Path(learner_dir)
    checks_file = exercise_dir / exercise.checks
    if not checks_file.is_file():
        raise GradingError(
            f"The checks of {exercise.id} are missing ({checks_file}): reinstall airoadmap."
        )
    digest = workcopy.code_hash(learner_dir, exercise.files)

    def finish(
        outcome: Outcome, summary: str, checks: list[CheckResult], **extra: Any
    ) -> GradeReport:
        metrics = {k: v for c in checks for k, v in c.metrics.items()}
        return GradeReport(
            exercise_id=exercise.id,
            outcome=outcome,
            summary=summary,
            checks=checks,
            metrics=metrics,
            duration_s=round(time.monotonic() - started, 4),
            code_hash=digest,
            **extra,
        )

    def error(message: str) -> GradeReport:
        """A report of one problem found before any check could run."""
        return finish(
            Outcome.ERROR,
            message,
            [CheckResult(name=LOAD_CHECK, outcome=Outcome.ERROR, message=message)],
        )

    missing = [name for name in exercise.files if not (learner_dir / name).is_file()]
    if missing:
        message = (
            f"{missing[0]} is missing from {learner_dir}: "
            f"`airoadmap reset {exercise.id}` restores it."
        )
        return error(message)
    if shortcut_untouched and workcopy.is_untouched(
        learner_dir, exercise_dir / "starter", exercise.files
    ):
        return finish(Outcome.NOT_ATTEMPTED, UNTOUCHED, [])

    try:
        root = Path(tempfile.mkdtemp(prefix=f"airoadmap-{exercise.id}-"))
    except OSError as exc:
        raise GradingError(
            f"Could not make a temporary folder to check {exercise.id} in: {exc}. "
            "Free some disk space or set TMPDIR."
        ) from exc
    try:
        workdir = root / "work"
        try:
            workcopy.copy_folder(learner_dir, workdir, keep=exercise.files)
        except workcopy.FolderTooBig as exc:
            return error(str(exc))
        except OSError as exc:
            return error(f"Could not copy {learner_dir} for checking: {exc}")
        limits = exercise.limits
        run = sandbox.run_harness(
            exercise_id=exercise.id,
            checks_file=checks_file.resolve(),
            root=root,
            workdir=workdir,
            limits=SandboxLimits(
                timeout_s=limits.timeout_s,
                memory_mb=limits.memory_mb,
                processes=limits.processes,
                cpu_s=limits.cpu_s,
                threads=limits.threads,
                gpu=limits.gpu,
            ),
            extra_env=extra_env,
            isolate=isolate,
            options=harness_options(exercise),
        )
        shown = printed.collect(printed.log_path(root), run.messages)
    finally:
        workcopy.remove_tree(root)
    checks = interpret(run, exercise, workdir)
    shown.attach(checks)
    notes = run.notes + [m.get("text", "") for m in run.messages if m.get("kind") == "note"]
    outcome = roll_up(checks)
    return finish(
        outcome, summarize(outcome, checks, exercise), checks, notes=notes, output=shown.whole
    )


def harness_options(exercise: Exercise) -> dict[str, Any]:
    """What the harness needs to know of an exercise besides its limits (plain JSON values):
    the import fence (`forbidden_imports`, `use_instead`, the `learner_files` its scan starts
    from) and the metric bars for `ctx.bar`."""
    return {
        "learner_files": list(exercise.files),
        "forbidden_imports": list(exercise.forbidden_imports),
        "use_instead": exercise.use_instead,
        "bars": {name: bar.model_dump(exclude_none=True) for name, bar in exercise.bars.items()},
    }


def interpret(run: HarnessRun, exercise: Exercise, workdir: Path) -> list[CheckResult]:
    """The per-check results of one harness run, including what its abnormal end means."""
    kinds = run.kinds()
    by_kind = {m.get("kind"): m for m in run.messages}
    if "internal" in by_kind:
        if by_kind["internal"].get("user_message"):
            raise GradingError(str(by_kind["internal"].get("message")))
        raise GradingError(
            f"The checks of {exercise.id} could not run: {by_kind['internal'].get('message')}. "
            "Reinstall airoadmap, or report this bug."
        )
    if "hello" not in kinds and not run.timed_out:
        last = run.output_tail.strip().splitlines()[-1:] or [f"exit status {run.returncode}"]
        raise GradingError(f"The grader's Python could not start the checks: {last[0][:300]}")
    learner = explain.Learner(str(workdir), memory_mb=exercise.limits.memory_mb)
    if "load_error" in by_kind:
        m = by_kind["load_error"]
        name = str(m.get("name") or LOAD_CHECK)
        return [CheckResult(name=name, outcome=Outcome(m["outcome"]), message=m["message"])]
    plan = by_kind.get("plan")
    if plan is None:  # ended while loading the learner's code
        outcome, message = _abnormal_end(run, exercise, learner)
        return [CheckResult(name=LOAD_CHECK, outcome=outcome, message=message)]
    results: list[CheckResult | None] = [None] * len(plan["checks"])
    current = None
    for m in run.messages:
        if m.get("kind") == "start":
            current = int(m["index"])
        elif m.get("kind") == "result":
            index = int(m["index"])
            spec = plan["checks"][index]
            results[index] = CheckResult(
                name=spec["name"],
                outcome=Outcome(m["outcome"]),
                message=m.get("message", ""),
                metrics={k: float(v) for k, v in m.get("metrics", {}).items()},
                hint=spec.get("hint"),
            )
            current = None
    if "done" not in kinds:
        if "aborted" in by_kind and not run.timed_out:
            outcome, message = (
                Outcome.ERROR,
                (
                    "the checks could not go on after your code ran "
                    f"({by_kind['aborted'].get('message')}): did it change the checking tools "
                    "(sys.modules, monkeypatching)?"
                ),
            )
        else:
            outcome, message = _abnormal_end(run, exercise, learner)
        if current is None:
            current = next((i for i, r in enumerate(results) if r is None), None)
        for index, spec in enumerate(plan["checks"]):
            if results[index] is not None:
                continue
            if index == current:
                text = message
            elif outcome is Outcome.TIMEOUT:
                text = "not run: the time limit ran out in an earlier check"
            else:
                text = "not run: the checking process ended in an earlier check"
            results[index] = CheckResult(
                name=spec["name"], outcome=outcome, message=text, hint=spec.get("hint")
            )
    return [r for r in results if r is not None]


def _abnormal_end(
    run: HarnessRun, exercise: Exercise, learner: explain.Learner
) -> tuple[Outcome, str]:
    """Outcome and message for a run that ended without its `done` report."""
    limit = exercise.limits
    code = run.returncode
    killed_by = _signal_name(-code) if code is not None and code < 0 else ""
    if run.memory_exceeded:  # torch mode: the memory cgroup or the parent's RSS watch
        return Outcome.ERROR, explain.memory_message(limit.memory_mb) + (
            " (resident memory of all its processes together)"
        )
    # RLIMIT_CPU ends the harness with SIGXCPU (SIGKILL soon after); a namespace wrapper may
    # report that as a plain failure, so the CPU time the run took (wait4) decides.
    cpu_limit = next((m.get("cpu_limit_s") for m in run.messages if m.get("kind") == "limits"), 0)
    if cpu_limit and (killed_by == "SIGXCPU" or run.cpu_time_s >= float(cpu_limit) - 0.05):
        at = _dump_location(run.output_tail, "(most recent call first)", learner)
        budget = limit.cpu_s or float(cpu_limit)
        return Outcome.TIMEOUT, (
            f"stopped: CPU-time budget of {budget:g} s spent{at} (the time of all threads "
            "counts): is there a loop that never ends, or work far bigger than the task needs?"
        )
    if run.timed_out:
        at = _dump_location(run.output_tail, "Timeout (", learner)
        return Outcome.TIMEOUT, (
            f"stopped at the time limit of {limit.timeout_s:g} s{at}: is there a loop that "
            "never ends, or work far bigger than the task needs?"
        )
    code = run.returncode
    if code is not None and code < 0:
        name = _signal_name(-code)
        at = _dump_location(run.output_tail, "Fatal Python error", learner)
        if _looks_like_memory(run, limit.memory_mb) or name == "SIGKILL":
            return Outcome.ERROR, explain.memory_message(
                limit.memory_mb, at
            ) + f" (killed by {name})"
        if name in _CRASH_SIGNALS:
            return Outcome.ERROR, (
                f"your code crashed the Python interpreter with {name}, "
                f"{_CRASH_SIGNALS[name]}{at}. Check the arguments given to ctypes or a C library."
            )
        return Outcome.ERROR, f"the checking process was stopped by {name}{at}"
    if code == _CHANNEL_LOST:
        return Outcome.ERROR, (
            "your code closed the grader's report channel: do not close file descriptors "
            "your code did not open (os.close, os.closerange)"
        )
    return Outcome.ERROR, (
        f"the checking process ended early with exit status {code} before reporting: did your "
        "code call os._exit()? Return a value instead."
    )


def _dump_location(output: str, header: str, learner: explain.Learner) -> str:
    """' (loop.py line 3)' from the last faulthandler dump that starts with `header`."""
    start = output.rfind(header)
    if start < 0:
        return ""
    for match in _FRAME.finditer(output, start):
        if learner.owns(match["file"]):
            return f" ({learner.show(match['file'])} line {match['line']})"
    return ""


def _looks_like_memory(run: HarnessRun, memory_mb: int) -> bool:
    if any(word in run.output_tail[-4000:] for word in _MEMORY_WORDS):
        return True
    own_peak = run.max_rss_kb > run.inherited_rss_kb
    return own_peak and run.max_rss_kb >= 0.8 * memory_mb * 1024


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def summarize(outcome: Outcome, checks: list[CheckResult], exercise: Exercise) -> str:
    """One line for the whole report: never names a passing check as the problem.

    Work in progress (some checks pass, the rest not started) says how many parts are done
    and which one is next, as rustlings does.
    """
    total = len(checks)
    passed = sum(c.outcome is Outcome.PASS for c in checks)
    if outcome is Outcome.PASS:
        return f"All {total} checks of {exercise.id} pass."
    if outcome is Outcome.NOT_ATTEMPTED:
        return "Not attempted yet: the starter still raises NotImplementedError. Open BRIEF.md."
    first = next(
        (c for c in checks if c.outcome not in (Outcome.PASS, Outcome.NOT_ATTEMPTED)), None
    )
    if first is None or in_progress(checks):
        todo = next((c for c in checks if c.outcome is Outcome.NOT_ATTEMPTED), None)
        done = f"{passed} of {total} parts done."
        return done if todo is None else f"{done} Next: '{todo.name}'{_place(todo.message)}."
    line = first.message.strip().split("\n", 1)[0]
    message = line if len(line) <= 240 else line[:237] + "..."
    if total == 1 and first.name == LOAD_CHECK:
        return f"{first.outcome.value}: {message}"
    if total == 1 and first.name == importfence.FROM_SCRATCH_NAME:
        return f"Not from scratch: {message}"
    not_started = sum(c.outcome is Outcome.NOT_ATTEMPTED for c in checks)
    later = f", {not_started} not started yet" if not_started else ""
    return (
        f"{passed} of {total} checks pass{later}. "
        f"{first.outcome.value} in '{first.name}': {message}"
    )


def _place(message: str) -> str:
    """' (katas.py line 56)' from a message that names the learner's line, else ''."""
    match = _PLACE.search(message)
    return f" ({match[1]})" if match else ""
