"""`airoadmap cohort create | add-learner | join | sync | status` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from airoadmap.checking import ENV_COHORT_SYNC
from airoadmap.cli.app import app
from airoadmap.cohort import config
from tests.cohort.memberkit import dead_url, make_ws, record, sent


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["cohort", *args])
    return result.exit_code, result.output


def test_a_class_on_sqlite_from_create_to_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'class.db'}"
    code, out = run("create", url, "--name", "Spring", "--start", "2027-01-11")
    assert code == 0 and "Created cohort Spring" in out and "no access control" in out, out
    code, out = run("create", url)
    assert code == 0 and "exists already" in out, out
    code, out = run("add-learner", url, "ada")
    assert code == 0 and f"join {url} --learner ada" in out, out

    ws = make_ws(tmp_path / "ws")
    monkeypatch.chdir(ws.root)
    ids = record(ws, 2)
    code, out = run("join", url, "--learner", "ada")
    assert code == 0 and "Joined cohort Spring as ada" in out, out
    assert "Sent 2 attempts and 0 quiz reviews" in out, out
    ids += record(ws, 1)
    code, out = run("status", "--json")
    facts = json.loads(out)
    assert (facts["learner"], facts["cohort"], facts["waiting_attempts"]) == ("ada", "Spring", 1)
    code, out = run("sync")
    assert code == 0 and "Sent 1 attempt and 0 quiz reviews" in out, out
    code, out = run("status")
    assert code == 0 and "0 attempts, 0 quiz reviews" in out and "never" not in out, out
    assert sent(url, "ada") == (ids, [])


def test_a_class_on_postgresql_and_a_learner_offline(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"ada_{make_url(pg_url).database}"
    code, out = run("create", pg_url, "--name", "Pg", "--hours-per-week", "6")
    assert code == 0 and "row-level security" in out and "airoadmap-test" not in out, out
    code, out = run("add-learner", pg_url, name)
    assert code == 0 and "shown only now" in out, out
    lines = [ln.strip() for ln in out.splitlines()]
    learner_url = next(ln for ln in lines if ln.startswith("postgresql://"))
    assert make_url(learner_url).username == name
    code, out = run("add-instructor", pg_url, f"teach_{make_url(pg_url).database}")
    assert code == 0 and "sees the whole class" in out, out

    ws = make_ws(tmp_path / "ws")
    monkeypatch.chdir(ws.root)
    code, out = run("join", learner_url)
    assert code == 0 and f"as {name}" in out and "readable only by you" in out, out
    assert make_url(learner_url).password not in config.path(ws).read_text()

    member = config.load(ws)  # the laptop goes offline: cohort.toml points nowhere
    config.save(
        ws,
        config.Membership(**{**member.__dict__, "url": dead_url(member.url)}),
        make_url(learner_url).password,
    )
    ids = record(ws, 1)
    code, out = run("sync")
    assert code == 0 and "offline: 1 attempt and 0 quiz reviews waiting" in out, out
    code, out = run("status")
    assert "1 attempts" in out and "cannot be reached" in out, out
    config.save(ws, member, make_url(learner_url).password)  # back online
    code, out = run("sync")
    assert code == 0 and "Sent 1 attempt" in out, out
    assert sent(pg_url, name) == (ids, [])


@pytest.mark.parametrize(
    ("args", "in_workspace", "words"),
    [
        (("sync",), False, "No airoadmap workspace"),
        (("status",), False, "No airoadmap workspace"),
        (("join", "sqlite:///{tmp}/c.db", "--learner", "ada"), False, "No airoadmap workspace"),
        (("status",), True, "has joined no cohort"),
        (("join", "sqlite:///{tmp}/none.db", "--learner", "ada"), True, "No cohort database"),
        (("join", "nope"), True, "is not a database URL"),
        (("create", "mysql://u@h/db"), True, "must be PostgreSQL or SQLite"),
        (("create", "sqlite:///{tmp}/c.db", "--start", "soon"), True, "is not a date"),
        (("add-learner", "sqlite:///{tmp}/c.db", "Ada Lovelace"), True, "cannot be a member"),
        (("join", "{dead}"), True, "cannot be reached"),
    ],
)
def test_what_cannot_work_is_one_line_and_exit_1(
    args: tuple[str, ...],
    in_workspace: bool,
    words: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here = make_ws(tmp_path / "ws").root if in_workspace else tmp_path
    monkeypatch.chdir(here)
    dead = dead_url("postgresql://ada:pw@127.0.0.1:1/c")
    code, out = run(*(a.format(tmp=tmp_path, dead=dead) for a in args))
    lines = out.strip().splitlines()
    assert code == 1 and len(lines) == 1 and words in lines[0], out
    assert "Traceback" not in out and ":pw@" not in out


def test_a_quiz_sitting_sends_its_reviews(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_COHORT_SYNC, "inline")  # sent before the command returns
    url = f"sqlite:///{tmp_path / 'class.db'}"
    assert run("create", url, "--hours-per-week", "10")[0] == 0
    ws = make_ws(tmp_path / "ws")
    monkeypatch.chdir(ws.root)
    assert run("join", url, "--learner", "ada")[0] == 0
    result = CliRunner().invoke(app, ["quiz", "--month", "1", "--limit", "1"], input="\n")
    assert result.exit_code == 0 and "1 review saved" in result.output, result.output
    assert sent(url, "ada") == ([], [1])
