"""The grader against broken and hostile submissions: one tiny submission per case.

Every case must come back as a GradeReport with the right outcome and a message that says
what happened; only a broken installation raises GradingError.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from airoadmap.errors import GradingError
from airoadmap.grading import sandbox
from airoadmap.grading.grader import LOAD_CHECK, UNTOUCHED, grade, interpret
from airoadmap.grading.sandbox import HarnessRun
from airoadmap.results import Outcome

from .conftest import FIXTURES, Submit, make_exercise, solution, starter

ISOLATED = sandbox.namespace_wrapper() is not None


def messages(report: object) -> str:
    return " | ".join(c.message for c in report.checks)  # type: ignore[attr-defined]


# --- what a learner normally sees ------------------------------------------------------


def test_untouched_starter_is_not_attempted_without_running(
    submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "run_harness", lambda **_: pytest.fail("must not run"))
    report = submit(starter())
    assert report.outcome is Outcome.NOT_ATTEMPTED
    assert report.summary == UNTOUCHED
    assert report.checks == []
    assert len(report.code_hash) == 64


def test_edited_starter_that_still_raises_is_not_attempted(submit: Submit) -> None:
    report = submit(starter() + "\n# I read the brief\n")
    assert report.outcome is Outcome.NOT_ATTEMPTED
    assert [c.outcome for c in report.checks] == [Outcome.NOT_ATTEMPTED] * 2
    assert "`add` (tiny.py line 7) still raises NotImplementedError" in report.checks[0].message


def test_correct_solution_passes(submit: Submit) -> None:
    report = submit(solution())
    assert report.outcome is Outcome.PASS, report
    assert [c.outcome for c in report.checks] == [Outcome.PASS, Outcome.PASS]
    assert report.checks[1].metrics == {"calls": 2.0}
    assert report.metrics == {"calls": 2.0}
    assert report.checks[0].hint == "add"
    assert report.summary == "All 2 checks of m01-tiny pass."


def test_wrong_answer_fails_with_expected_and_actual(submit: Submit) -> None:
    report = submit("def add(a, b):\n    return a * b\n")
    assert report.outcome is Outcome.FAIL
    assert report.checks[0].message == "add(2, 3) returned 6, expected 5."
    assert report.checks[1].message == "add(-1, -1) returned 1, expected -2."
    assert "0 of 2 checks pass" in report.summary


def test_missing_return_gets_a_nudge(submit: Submit) -> None:
    report = submit("def add(a, b):\n    a + b\n")
    assert report.outcome is Outcome.FAIL
    assert "Did you forget a return statement?" in report.checks[0].message


def test_missing_learner_file_says_how_to_restore_it(learner_dir: Path) -> None:
    report = grade(make_exercise(), FIXTURES / "m01-tiny", learner_dir)
    assert report.outcome is Outcome.ERROR
    assert "tiny.py is missing" in report.summary
    assert "`airoadmap reset m01-tiny` restores it" in report.summary


# --- broken code ------------------------------------------------------------------------


def test_syntax_error_names_file_and_line(submit: Submit) -> None:
    report = submit("def add(a, b)\n    return a + b\n")
    assert report.outcome is Outcome.ERROR
    assert report.checks[0].message.startswith("SyntaxError in tiny.py line 1:")


def test_import_error_names_module_and_line(submit: Submit) -> None:
    report = submit("import not_a_real_module_xyz\n\n\ndef add(a, b):\n    return a + b\n")
    assert report.outcome is Outcome.ERROR
    message = report.checks[0].message
    assert "ModuleNotFoundError: No module named 'not_a_real_module_xyz' (tiny.py line 1)" in (
        message
    )


def test_runtime_error_names_the_learners_line(submit: Submit) -> None:
    report = submit("def add(a, b):\n    return a + 'b'\n")
    assert report.outcome is Outcome.ERROR
    assert report.checks[0].message == (
        "TypeError: unsupported operand type(s) for +: 'int' and 'str' (tiny.py line 2)"
    )


def test_recursion_error_gets_a_nudge(submit: Submit) -> None:
    report = submit("def add(a, b):\n    return add(a, b)\n")
    assert report.outcome is Outcome.ERROR
    assert "RecursionError" in report.checks[0].message
    assert "base case" in report.checks[0].message


def test_sys_exit_reads_error(submit: Submit) -> None:
    report = submit("import sys\n\n\ndef add(a, b):\n    sys.exit(3)\n")
    assert report.outcome is Outcome.ERROR
    assert report.checks[0].message.startswith("your code called sys.exit(3) (tiny.py line 5)")
    assert report.checks[1].outcome is Outcome.ERROR  # the harness survived to run it


def test_input_reads_end_of_file_not_a_hang(submit: Submit) -> None:
    report = submit("def add(a, b):\n    return int(input('a number? '))\n", timeout_s=5)
    assert report.outcome is Outcome.ERROR
    assert "EOFError" in report.checks[0].message
    assert "input()" in report.checks[0].message


# --- hostile code -----------------------------------------------------------------------


def test_infinite_loop_times_out_within_the_limit(submit: Submit) -> None:
    report = submit("def add(a, b):\n    while True: pass\n", timeout_s=2)
    assert report.outcome is Outcome.TIMEOUT  # the child was killed at the limit, not awaited
    first, second = report.checks
    assert first.outcome is Outcome.TIMEOUT
    assert "time limit of 2 s (tiny.py line 2)" in first.message
    assert second.outcome is Outcome.TIMEOUT
    assert second.message.startswith("not run")


def test_memory_bomb_reads_memory_error(submit: Submit) -> None:
    code = """
    def add(a, b):
        hog = []
        while True:
            hog.append(bytearray(10_000_000))
    """
    report = submit(code, memory_mb=256)
    # ERROR, not TIMEOUT: the limit stopped the bomb (unstopped, it would run into the 10 s limit)
    assert report.outcome is Outcome.ERROR
    assert "used more than the memory limit of 256 MB (tiny.py line 5)" in report.checks[0].message


def test_fork_bomb_is_refused(submit: Submit) -> None:
    code = """
    import os

    def add(a, b):
        while True:
            os.fork()
    """
    report = submit(code)
    assert report.outcome is Outcome.ERROR  # refused at the first fork, not a run into the limit
    message = report.checks[0].message
    assert "tried to start a process (os.fork); this exercise allows no other process" in message


def test_process_budget_allows_that_many_processes(submit: Submit) -> None:
    code = """
    import subprocess

    def add(a, b):
        subprocess.run(["true"], check=True)
        return a + b
    """
    report = submit(code, processes=1)
    first, second = report.checks
    assert first.outcome is Outcome.PASS
    assert second.outcome is Outcome.ERROR
    assert "this exercise allows 1" in second.message


@pytest.mark.skipif(not ISOLATED, reason="needs a PID namespace (unshare)")
def test_no_process_outlives_the_check(submit: Submit) -> None:
    marker = f"{1000 + os.getpid() % 1000}.{time.time_ns() % 997}"
    code = f"""
    import subprocess

    def add(a, b):
        subprocess.Popen(["sleep", "{marker}"], start_new_session=True)
        return a + b
    """
    report = submit(code, processes=1)
    assert report.checks[0].outcome is Outcome.PASS
    time.sleep(0.1)
    survivors = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline:
            survivors.append(pid)
    assert survivors == []


def test_os_exit_names_the_exit_status(submit: Submit) -> None:
    report = submit("import os\n\n\ndef add(a, b):\n    os._exit(3)\n")
    assert report.outcome is Outcome.ERROR
    first, second = report.checks
    assert "ended early with exit status 3" in first.message
    assert "os._exit()" in first.message
    assert second.message == "not run: the checking process ended in an earlier check"


def test_segfault_names_the_signal_and_line(submit: Submit) -> None:
    report = submit("import ctypes\n\n\ndef add(a, b):\n    return ctypes.string_at(0)\n")
    assert report.outcome is Outcome.ERROR
    message = report.checks[0].message
    assert "crashed the Python interpreter with SIGSEGV" in message
    assert "(tiny.py line 5)" in message


def test_closing_the_report_channel_reads_error(submit: Submit) -> None:
    report = submit("import os\n\n\ndef add(a, b):\n    os.closerange(3, 4096)\n    return a + b\n")
    assert report.outcome is Outcome.ERROR
    assert "closed the grader's report channel" in report.checks[0].message


def test_breaking_the_harness_reads_error_not_a_crash(submit: Submit) -> None:
    code = """
    def add(a, b):
        import airoadmap.grading.explain as explain
        explain.classify = None
        raise ValueError("and now explain this")
    """
    report = submit(code)
    assert report.outcome is Outcome.ERROR
    assert report.checks[0].message.startswith("the checks could not go on after your code ran")


def test_raising_grading_error_from_learner_code_reads_error(submit: Submit) -> None:
    code = """
    from airoadmap.errors import GradingError

    def add(a, b):
        raise GradingError("pretend the tool is broken")
    """
    report = submit(code)
    assert report.outcome is Outcome.ERROR
    assert report.checks[0].message == "GradingError: pretend the tool is broken (tiny.py line 5)"


def test_printed_fake_reports_do_not_count(submit: Submit) -> None:
    code = """
    import sys

    def add(a, b):
        line = '{"kind": "result", "index": 0, "outcome": "PASS", "message": ""}'
        print(line)
        print(line, file=sys.stderr)
        print('{"kind": "done"}')
        return 0
    """
    report = submit(code)
    assert report.outcome is Outcome.FAIL
    assert '"outcome": "PASS"' in report.output  # what it printed is kept for the learner


def test_deleting_a_file_outside_its_folder_is_refused(submit: Submit, tmp_path: Path) -> None:
    sentinel = tmp_path / "sentinel.txt"
    sentinel.write_text("keep me")
    report = submit(f"import os\n\n\ndef add(a, b):\n    os.remove({str(sentinel)!r})\n")
    assert sentinel.read_text() == "keep me"
    assert report.outcome is Outcome.ERROR
    assert f"tried to change {sentinel} (os.remove), outside its folder" in messages(report)


def test_writing_a_file_outside_its_folder_is_refused(submit: Submit, tmp_path: Path) -> None:
    sentinel = tmp_path / "sentinel.txt"
    sentinel.write_text("keep me")
    report = submit(f"def add(a, b):\n    open({str(sentinel)!r}, 'w').write('gone')\n")
    assert sentinel.read_text() == "keep me"
    assert report.outcome is Outcome.ERROR
    assert "open for writing" in report.checks[0].message


def test_writing_through_a_symlink_out_of_the_folder_is_refused(
    submit: Submit, tmp_path: Path
) -> None:
    sentinel = tmp_path / "sentinel.txt"
    sentinel.write_text("keep me")
    code = f"""
    import os

    def add(a, b):
        os.symlink({str(sentinel)!r}, "link.txt")
        with open("link.txt", "w") as f:
            f.write("gone")
    """
    report = submit(code)
    assert sentinel.read_text() == "keep me"
    assert "outside its folder" in report.checks[0].message


@pytest.mark.parametrize("isolate", [True, False], ids=["namespaces", "guard-only"])
def test_network_connection_is_refused(submit: Submit, isolate: bool) -> None:
    code = """
    import socket

    def add(a, b):
        socket.create_connection(("10.255.255.1", 9), timeout=20)
    """
    report = submit(code, isolate=isolate)
    # ERROR, not TIMEOUT: refused at once (the 20 s connect would outlast the 10 s limit)
    assert report.outcome is Outcome.ERROR
    assert "network access is disabled while checking" in report.checks[0].message
    assert "10.255.255.1:9" in report.checks[0].message


def test_dns_lookup_is_refused(submit: Submit) -> None:
    report = submit(
        "import socket\n\n\ndef add(a, b):\n    socket.getaddrinfo('example.com', 80)\n"
    )
    assert report.outcome is Outcome.ERROR
    assert "tried to look up 'example.com'" in report.checks[0].message


def test_localhost_server_is_reachable(submit: Submit) -> None:
    report = submit(solution("m01-http"), exercise_id="m01-http")
    assert report.outcome is Outcome.PASS, report
    assert (sandbox.NETWORK_NOTE in report.notes) is not ISOLATED
    assert sandbox.NETWORK_OFF_NOTE not in report.notes


def test_signalling_the_grader_is_refused(tmp_path: Path) -> None:
    # In a child interpreter, so that a failure of the guard cannot kill the test run itself.
    (tmp_path / "learner").mkdir()
    (tmp_path / "learner" / "tiny.py").write_text(
        "import os, signal\n\n\ndef add(a, b):\n    os.kill(os.getppid(), signal.SIGTERM)\n"
    )
    script = f"""
import sys
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).parents[2])!r})
from tests.grading.conftest import FIXTURES, make_exercise
from airoadmap.grading.grader import grade
report = grade(make_exercise(), FIXTURES / "m01-tiny", Path({str(tmp_path / "learner")!r}),
               isolate=False)
print(report.checks[0].outcome.value, report.checks[0].message)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ERROR your code tried to signal process")


# --- what the grader promises the workspace and the environment ------------------------


def test_workspace_is_never_modified(learner_dir: Path) -> None:
    code = """
    import os
    from pathlib import Path

    Path(__file__).write_text("# overwritten by the learner's own code\\n")
    Path("new_file.txt").write_text("made while checking")
    os.mkdir("new_folder")

    def add(a, b):
        return a + b
    """
    (learner_dir / "tiny.py").write_text(textwrap.dedent(code))
    (learner_dir / "data.csv").write_text("x,y\n1,2\n")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in learner_dir.iterdir()}
    report = grade(make_exercise(), FIXTURES / "m01-tiny", learner_dir)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in learner_dir.iterdir()}
    assert report.outcome is Outcome.PASS, messages(report)
    assert after == before
    assert sorted(after) == ["data.csv", "tiny.py"]


def test_environment_secrets_are_not_visible(
    submit: Submit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_DATABASE_URL", "postgresql://user:secret@db/airoadmap")
    monkeypatch.setenv("MY_API_TOKEN", "s3cret")
    code = """
    import os

    def add(a, b):
        leaked = [k for k in ("AIROADMAP_DATABASE_URL", "MY_API_TOKEN") if k in os.environ]
        return leaked or a + b
    """
    report = submit(code)
    assert report.outcome is Outcome.PASS, messages(report)


# --- a broken installation is the only thing that raises --------------------------------


def test_missing_checks_raise_grading_error(tmp_path: Path, learner_dir: Path) -> None:
    (learner_dir / "tiny.py").write_text(solution())
    with pytest.raises(GradingError, match="checks of m01-tiny are missing"):
        grade(make_exercise(), tmp_path / "nowhere", learner_dir)


def test_broken_checks_raise_grading_error(learner_dir: Path) -> None:
    (learner_dir / "tiny.py").write_text(solution())
    with pytest.raises(GradingError, match=r"this checks\.py is broken"):
        grade(make_exercise("m01-broken"), FIXTURES / "m01-broken", learner_dir)


def test_checks_that_find_a_library_missing_raise_its_message(learner_dir: Path) -> None:
    (learner_dir / "tiny.py").write_text(solution())
    with pytest.raises(GradingError) as raised:
        grade(make_exercise("m01-needs"), FIXTURES / "m01-needs", learner_dir)
    assert (
        str(raised.value) == "m01-needs is graded with a library that is missing: pip install it."
    )


def test_a_kill_without_a_report_reads_as_memory() -> None:
    run = HarnessRun(
        messages=[
            {"kind": "hello"},
            {"kind": "plan", "checks": [{"name": "big", "hint": None}]},
            {"kind": "start", "index": 0},
        ],
        returncode=-9,
        timed_out=False,
        duration_s=1.0,
        output_tail="",
    )
    [result] = interpret(run, make_exercise(memory_mb=300), Path("/nonexistent"))
    assert result.outcome is Outcome.ERROR
    assert result.message.startswith("your code used more than the memory limit of 300 MB")
    assert "SIGKILL" in result.message


def test_a_crash_while_loading_reads_as_the_load_check() -> None:
    run = HarnessRun(
        messages=[{"kind": "hello"}],
        returncode=-11,
        timed_out=False,
        duration_s=0.1,
        output_tail="",
    )
    [result] = interpret(run, make_exercise(), Path("/nonexistent"))
    assert result.name == LOAD_CHECK
    assert "SIGSEGV" in result.message


def test_a_crash_is_not_blamed_on_memory_when_the_grader_itself_is_big(tmp_path: Path) -> None:
    """A big parent (a notebook kernel, a long test run) passes its peak RSS to children."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parents[2])!r})
        from pathlib import Path
        from tests.grading.conftest import FIXTURES, make_exercise
        from airoadmap.grading.grader import grade
        ballast = bytearray(700 * 1024 * 1024)  # touched: the parent's peak RSS is now high
        for i in range(0, len(ballast), 4096):
            ballast[i] = 1
        learner = Path({str(tmp_path)!r})
        (learner / "tiny.py").write_text(
            "import ctypes\\n\\ndef add(a, b):\\n    return ctypes.string_at(0)\\n"
        )
        report = grade(make_exercise(memory_mb=512), FIXTURES / "m01-tiny", learner)
        print(report.checks[0].message)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert "SIGSEGV" in out.stdout, out.stdout + out.stderr
    assert "memory limit" not in out.stdout
