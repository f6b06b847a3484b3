"""Messages the grader builds: syntax errors, the one-line summary, what the code printed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from airoadmap.grading import explain, printed
from airoadmap.grading.grader import LOAD_CHECK, summarize
from airoadmap.results import CheckResult, Outcome, roll_up
from tests.grading.conftest import Submit, make_exercise


def compile_error(source: str, path: Path) -> SyntaxError:
    path.write_text(source, encoding="utf-8")
    try:
        compile(source, str(path), "exec")
    except SyntaxError as exc:
        return exc
    raise AssertionError("the source compiled")


@pytest.mark.parametrize(
    ("source", "line", "caret_under"),
    [
        ("def f(x)\n    return x\n", "def f(x)", ""),
        ("total = (1 +\n  2\nnext = 3\n", "total = (1 +", "("),
        ("value = 1 2\n", "value = 1 2", "2"),
        ("if True:\n    y = = 2\n", "y = = 2", "="),
    ],
)
def test_a_syntax_error_shows_the_line_and_a_caret_under_the_fault(
    tmp_path: Path, source: str, line: str, caret_under: str
) -> None:
    learner = explain.Learner(str(tmp_path))
    exc = compile_error(source, tmp_path / "mine.py")
    head, shown, caret = explain.syntax_message(exc, learner).split("\n")
    assert head.startswith(f"SyntaxError in mine.py line {exc.lineno}: ")
    assert shown == "    " + line
    start = caret.index("^")
    assert set(caret[start:]) == {"^"}
    if caret_under:
        assert shown[start:].startswith(caret_under), (shown, caret)
    else:  # after the end of the line: where the missing ':' goes
        assert start == len(shown)


def test_a_syntax_error_elsewhere_is_not_the_learners(tmp_path: Path) -> None:
    learner = explain.Learner(str(tmp_path / "work"))
    exc = compile_error("x = (\n", tmp_path / "checks.py")
    assert explain.learner_syntax_error(exc, learner) is None
    try:
        eval("1 +")  # the learner's code may compile strings: that is a runtime error
    except SyntaxError as inner:
        assert explain.learner_syntax_error(inner, learner) is None


def test_null_bytes_name_the_learners_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.py"
    path.write_bytes(b"a = 1\nb = 2\x00\n")
    spec = importlib.util.spec_from_file_location("mine_nul", path)
    assert spec is not None and spec.loader is not None
    with pytest.raises(SyntaxError) as caught:
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    learner = explain.Learner(str(tmp_path), checks_file=str(tmp_path / "checks.py"))
    assert explain.blames_learner(caught.value, learner)
    outcome, message = explain.classify(caught.value, learner)
    assert outcome == explain.ERROR
    assert message == "SyntaxError in mine.py line 2: source code string cannot contain null bytes"


def test_a_syntax_error_is_one_check_not_one_per_check(submit: Submit) -> None:
    report = submit("def add(a, b)\n    return a + b\n")
    assert report.outcome == Outcome.ERROR
    assert [c.name for c in report.checks] == [LOAD_CHECK]
    source = "    def add(a, b)"
    assert report.checks[0].message.split("\n")[1:] == [source, " " * len(source) + "^"]
    assert report.summary == "ERROR: SyntaxError in tiny.py line 1: expected ':'"


def test_prints_are_kept_per_failing_check(submit: Submit) -> None:
    report = submit(
        "def add(a, b):\n"
        "    print('adding', a, b)\n"
        "    return a + b if a > 0 else 0\n"
    )
    first, second = report.checks
    assert first.outcome == Outcome.PASS and first.output == ""
    assert second.outcome == Outcome.FAIL and second.output == "adding -1 -1"
    assert report.output == "adding 2 3\nadding -1 -1\n"


def check(outcome: Outcome, name: str = "", message: str = "") -> CheckResult:
    return CheckResult(name=name or f"a {outcome.value} check", outcome=outcome, message=message)


@pytest.mark.parametrize(
    "outcomes",
    [
        [Outcome.PASS, Outcome.NOT_ATTEMPTED, Outcome.NOT_ATTEMPTED],
        [Outcome.PASS, Outcome.FAIL, Outcome.NOT_ATTEMPTED],
        [Outcome.PASS, Outcome.PASS, Outcome.ERROR],
        [Outcome.NOT_ATTEMPTED, Outcome.PASS, Outcome.TIMEOUT],
        [Outcome.FAIL, Outcome.PASS],
    ],
)
def test_the_summary_never_names_a_passing_check(outcomes: list[Outcome]) -> None:
    checks = [check(o, name=f"check {i} ({o.value})") for i, o in enumerate(outcomes)]
    text = summarize(roll_up(checks), checks, make_exercise())
    assert "(PASS)" not in text and "PASS in" not in text, text
    named = [c for c in checks if f"'{c.name}'" in text]
    assert len(named) == 1
    if Outcome.FAIL in outcomes or Outcome.ERROR in outcomes or Outcome.TIMEOUT in outcomes:
        assert named[0].outcome not in (Outcome.PASS, Outcome.NOT_ATTEMPTED)
    else:
        assert named[0].outcome == Outcome.NOT_ATTEMPTED


def test_work_in_progress_reads_parts_done_and_next() -> None:
    checks = [
        check(Outcome.PASS, "first"),
        check(Outcome.NOT_ATTEMPTED, "second", "not attempted yet: `b` (k.py line 9) still..."),
        check(Outcome.NOT_ATTEMPTED, "third", "not attempted yet: `c` (k.py line 19) still..."),
    ]
    text = summarize(roll_up(checks), checks, make_exercise())
    assert text == "1 of 3 parts done. Next: 'second' (k.py line 9)."


def test_printed_output_is_cut_per_check_and_bounded(tmp_path: Path) -> None:
    log = tmp_path / "output.log"
    first = "one\n"
    second = "".join(f"line {i}\n" for i in range(200))
    dump = "Timeout (0:00:02)!\nThread 0x1 (most recent call first):\n  File \"x.py\", line 1\n"
    log.write_text(first + second + "third\n" + dump)
    a, b = len(first), len(first) + len(second)
    messages = [
        {"kind": "start", "index": 0, "out": 0},
        {"kind": "result", "index": 0, "out": a},
        {"kind": "start", "index": 1, "out": a},
        {"kind": "result", "index": 1, "out": b},
        {"kind": "start", "index": 2, "out": b},  # timed out: no result
    ]
    shown = printed.collect(log, messages)
    assert shown.by_check[0] == "one"
    lines = shown.by_check[1].split("\n")
    assert len(lines) == printed.CHECK_LINES and lines[-1] == "line 199"
    assert shown.by_check[2] == "third"  # the grader's traceback dump is not the learner's
    assert shown.whole.endswith(dump)

    log.write_bytes(b"x" * (printed.RUN_BYTES + 10) + b"\nend\n")
    whole = printed.whole(log)
    assert whole.startswith(printed.CUT_NOTE) and whole.endswith("end\n")
    assert len(whole) <= printed.RUN_BYTES + len(printed.CUT_NOTE)


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("design.md", "design.md line 3 still holds its TODO; replace it with your own text"),
        ("plan.py", "(plan.py line 3) still raises NotImplementedError; replace the TODO"),
    ],
)
def test_a_todo_left_in_a_document_is_named_as_a_todo(
    tmp_path: Path, name: str, says: str
) -> None:
    """A check that reads a learner's document raises NotImplementedError "from" the line of
    its TODO marker: the message speaks of the TODO there, not of code that raises."""
    learner = explain.Learner(str(tmp_path))
    code = compile("\n\nraise NotImplementedError\n", str(tmp_path / name), "exec")
    with pytest.raises(NotImplementedError) as caught:
        exec(code, {})
    message = explain._not_implemented(caught.value, learner)
    assert message is not None and says in message
