"""What `check` tells a learner (issue 8, items 5 to 7), through the real grader and CLI.

- work in progress reads as such: parts done, the next part, never a passing check as "the"
  failure, and one "not attempted" message rather than twelve;
- a syntax error is reported once, with the source line and a caret, blaming the learner's
  file (never checks.py);
- what the learner's code printed shows under the failing check (its end), and all of it
  with --verbose.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.cli.app import app
from tests.conftest import exercise_file

runner = CliRunner()
KATAS = 14


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture()
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    code, out = cli("init", str(root))
    assert code == 0, out
    monkeypatch.chdir(root)
    return root


def katas_with(solution: str, done: set[str], replace: dict[str, str] | None = None) -> str:
    """The reference katas with every function outside `done` back to `raise
    NotImplementedError`, and the functions of `replace` swapped for the given source."""
    tree = ast.parse(solution)
    todo = ast.parse("raise NotImplementedError").body

    class Undo(ast.NodeTransformer):
        def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
            if node.name in (replace or {}):
                return ast.parse(replace[node.name]).body[0]  # type: ignore[index]
            if node.name not in done:
                node.body = list(todo)
            return node

        def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
            if node.name in done:
                return node
            self.generic_visit(node)
            return node

    return ast.unparse(Undo().visit(tree))


def write_katas(ws: Path, text: str) -> Path:
    path = exercise_file(ws, "m01-katas", "katas.py")
    path.write_text(text, encoding="utf-8")
    return path


def test_work_in_progress_says_parts_done_and_the_next_one(
    ws: Path, solution_text: callable
) -> None:
    solution = solution_text("m01-katas", "katas.py")
    write_katas(ws, katas_with(solution, {"is_palindrome", "slugify"}))
    code, out = cli("check", "m01-katas", "--json")
    assert code == 1
    report = json.loads(out)
    outcomes = [c["outcome"] for c in report["checks"]]
    assert outcomes.count("PASS") == 2 and outcomes.count("NOT_ATTEMPTED") == KATAS - 2
    summary = report["summary"]
    assert summary.startswith(f"2 of {KATAS} parts done. Next: 'word_counts")
    assert re.search(r"\(katas\.py line \d+\)\.$", summary), summary
    passing = [c["name"] for c in report["checks"] if c["outcome"] == "PASS"]
    assert not any(name in summary for name in passing), summary
    assert "PASS in" not in summary

    code, out = cli("check", "m01-katas")
    assert code == 1
    assert "IN PROGRESS" in out and f"2/{KATAS}" in out and "FAIL" not in out
    assert out.count("not attempted yet") == 1  # the next part's message, not all twelve
    assert "`word_counts`" in out
    assert "--on word_counts" in out  # the hint points at the same next part
    code, out = cli("check", "m01-katas", "--verbose")
    assert code == 1
    assert out.count("not attempted yet") == KATAS - 2


def test_a_failure_among_parts_not_started_names_the_failing_check(
    ws: Path, solution_text: callable
) -> None:
    wrong = "def word_counts(text):\n    return {}\n"
    solution = solution_text("m01-katas", "katas.py")
    write_katas(ws, katas_with(solution, {"is_palindrome"}, {"word_counts": wrong}))
    code, out = cli("check", "m01-katas", "--json")
    report = json.loads(out)
    assert code == 1 and report["outcome"] == "FAIL"
    assert report["summary"].startswith(
        f"1 of {KATAS} checks pass, {KATAS - 2} not started yet. FAIL in 'word_counts"
    )


def test_a_syntax_error_is_reported_once_with_its_line_and_a_caret(
    ws: Path, solution_text: callable
) -> None:
    lines = solution_text("m01-katas", "katas.py").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("def chunk("))
    broken = lines[number].removesuffix(":")
    lines[number] = broken
    write_katas(ws, "\n".join(lines) + "\n")
    code, out = cli("check", "m01-katas", "--json")
    assert code == 1
    report = json.loads(out)
    assert report["outcome"] == "ERROR"
    assert [c["name"] for c in report["checks"]] == ["your code loads"]
    message = report["checks"][0]["message"]
    head, source, caret = message.split("\n")
    assert head == f"SyntaxError in katas.py line {number + 1}: expected ':'"
    assert source.strip() == broken.strip()
    assert caret.strip() == "^"
    assert caret.index("^") == len(source.rstrip())  # just after the line: where ':' goes
    assert "\n" not in report["summary"] and "katas.py line" in report["summary"]

    code, out = cli("check", "m01-katas")
    assert code == 1
    assert out.count("SyntaxError") == 2  # the summary line and the one check, not 14
    assert "checks.py" not in out


def test_null_bytes_blame_the_learners_file_not_the_checks(ws: Path) -> None:
    path = exercise_file(ws, "m01-katas", "katas.py")
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode() + b"\nx = 1\x00\n")
    code, out = cli("check", "m01-katas", "--json")
    report = json.loads(out)
    assert code == 1
    message = report["checks"][0]["message"]
    lines = text.count("\n") + 2
    assert message == (
        f"SyntaxError in katas.py line {lines}: source code string cannot contain null bytes"
    )
    assert len(report["checks"]) == 1


def test_a_failing_check_shows_the_end_of_what_it_printed(
    ws: Path, solution_text: callable
) -> None:
    noisy = (
        "def word_counts(text):\n"
        "    for i in range(30):\n"
        "        print('debug', i)\n"
        "    return {}\n"
    )
    chatty = (
        "def is_palindrome(text):\n"
        "    print('palindrome?', text)\n"
        "    kept = [c.lower() for c in text if c.isalnum()]\n"
        "    return kept == kept[::-1]\n"
    )
    solution = solution_text("m01-katas", "katas.py")
    write_katas(ws, katas_with(solution, set(), {"word_counts": noisy, "is_palindrome": chatty}))
    code, out = cli("check", "m01-katas", "--json")
    report = json.loads(out)
    by_name = {c["name"].split()[0]: c for c in report["checks"]}
    assert by_name["word_counts"]["outcome"] == "FAIL"
    printed = by_name["word_counts"]["output"].splitlines()
    assert printed[-1] == "debug 29" and "debug 0" in printed  # bounded, but all 30 fit
    assert by_name["is_palindrome"]["output"] == ""  # it passed: nothing kept
    assert "palindrome? " in report["output"] and "debug 29" in report["output"]

    code, out = cli("check", "m01-katas")
    assert code == 1
    assert "your code printed (last 10 of 30 lines; all: check --verbose):" in out
    assert "│ debug 29" in out and "│ debug 20" in out and "│ debug 19" not in out
    assert "palindrome?" not in out  # a passing check's prints stay out of the way
    code, out = cli("check", "m01-katas", "--verbose")
    assert code == 1
    assert "│ debug 0" in out and "palindrome? " in out
    assert "Everything your code printed" in out
