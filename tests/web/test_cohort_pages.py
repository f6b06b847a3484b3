"""The instructor view: the figures of cohort/report.py on a class whose numbers are known by
hand (cohort_data.py), the pages under /cohort, the CSV export, the token, a dashboard
without a workspace, `airoadmap dashboard --cohort`, and the same figures on PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import uuid
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from airoadmap.cohort import report as rep
from airoadmap.curriculum.loader import curriculum
from airoadmap.web import create_app
from airoadmap.workspace import Workspace

from . import cohort_data as data

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with", category=UserWarning)
    from fastapi.testclient import TestClient

TODAY = date.today()


def make_cohort(folder: Path) -> str:
    """A SQLite cohort database holding the class of cohort_data.py; its URL."""
    url = f"sqlite:///{folder / 'cohort.db'}"
    engine = create_engine(url)
    try:
        data.fill(engine, TODAY)
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="module")
def cohort_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return make_cohort(tmp_path_factory.mktemp("cohort"))


@pytest.fixture()
def report(cohort_url: str) -> Iterator[rep.CohortReport]:
    engine, _ = rep.open_cohort(cohort_url)
    try:
        yield rep.build_report(engine, curriculum(), TODAY)
    finally:
        engine.dispose()


@pytest.fixture()
def instructor(
    cohort_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The dashboard of an instructor who has no workspace: the cohort pages only."""
    monkeypatch.chdir(tmp_path)
    with TestClient(create_app(cohort=cohort_url)) as c:
        yield c


def csv_rows(body: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body)))


def figure(html: str, key: str) -> dict[str, Any]:
    found = re.search(rf'<script type="application/json" id="fig-{key}">(.*?)</script>', html, re.S)
    assert found, f"no figure {key}"
    fig: dict[str, Any] = json.loads(found.group(1))
    return fig


def section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    end = html.find("<section", start)
    return html[start : end if end > 0 else len(html)]


# -- the figures ---------------------------------------------------------------------------


def test_progress_against_the_schedule(report: rep.CohortReport) -> None:
    assert report.info.name == data.NAME
    assert report.plan.current_month == 3
    assert report.due == len(data.MONTH1) + len(data.MONTH2) == 7
    assert [r.name for r in report.behind] == data.BEHIND
    by_name = {r.name: r for r in report.learners}
    assert len(by_name) == 20
    assert len(by_name["learner01"].passed) == 8 and not by_name["learner01"].behind
    assert len(by_name["learner12"].passed) == 7 and not by_name["learner12"].behind
    assert by_name["learner13"].missing == data.MONTH2
    # learner18 passed m01-oop only through a batch verdict; learner19's verdict failed
    assert by_name["learner18"].passed == ["m01-oop"]
    assert by_name["learner19"].passed == []
    assert by_name["learner20"].attempts == 0 and by_name["learner20"].last_activity is None


def test_one_learner_alone_reads_as_in_the_class(cohort_url: str, report: rep.CohortReport) -> None:
    """A learner's page reads only their rows: the same figures as the whole class gives."""
    engine, _ = rep.open_cohort(cohort_url)
    try:
        for name in ("learner01", "learner13", "learner18", "learner20"):
            alone = rep.build_report(engine, curriculum(), TODAY, learner=name)
            assert [r.name for r in alone.learners] == [name]
            assert alone.learners[0] == report.learner(name)
        assert rep.build_report(engine, curriculum(), TODAY, learner="nobody").learners == []
        assert rep.learner_names(engine) == data.LEARNERS
    finally:
        engine.dispose()


def test_a_month_with_tracks_counts_the_track_a_learner_follows() -> None:
    cur = curriculum()
    assert rep._tracks(cur, ["m08-cv-opencv", "m01-katas"]) == {8: "cv"}
    counted = rep._counted(cur, rep._tracks(cur, ["m08-cv-opencv"]), [8])
    assert counted == ["m08-cv-opencv", "m08-cv-detection"]
    assert rep._counted(cur, {}, [8]) == ["m08-nlp-embeddings", "m08-nlp-bert"]  # the first


def test_pass_rates_and_median_attempts(report: rep.CohortReport) -> None:
    rows = {r.id: r for r in report.exercises}
    katas = rows["m01-katas"]
    assert (katas.tried, katas.passed, katas.class_size) == (
        data.KATAS_TRIED,
        data.KATAS_PASSED,
        20,
    )
    assert katas.median_attempts == data.KATAS_MEDIAN
    assert katas.attempts == 18 + 17 + 4  # failed + passing; NOT_ATTEMPTED left out
    assert rep.attempts_histogram(report, "m01-katas") == [(1, 5), (2, 6), (3, 6)]
    oop = rows["m01-oop"]
    assert (oop.tried, oop.passed) == (19, 18)  # 17 checked + learner18's batch PASS
    assert (rows["m02-eda"].tried, rows["m02-eda"].passed) == (12, 12)
    # learner19's batch verdict on an untouched starter is not a try
    assert (rows["m01-errors-files"].tried, rows["m01-errors-files"].passed) == (17, 17)
    assert rows["m03-linreg"].tried == 0 and rows["m03-linreg"].pass_rate is None


def test_the_checks_that_fail_most(report: rep.CohortReport) -> None:
    top, second = report.failing[:2]
    assert (top.exercise_id, top.check) == ("m01-katas", data.CHUNK)
    assert (top.learners, top.times) == (data.CHUNK_LEARNERS, data.CHUNK_TIMES)
    # 22 messages with different numbers are one message once the numbers are masked
    assert len(top.messages) == 1 and top.messages[0].count == 22
    assert top.messages[0].text == "chunk(list of … items, …) gave … batches; expected …"
    assert (second.check, second.learners, second.times) == (data.DEDUPE, 2, 4)
    assert rep.mask_numbers("r2_holdout=0.41 is below the bar 0.9") == (
        "r2_holdout=… is below the bar …"
    )


def test_quiz_retention(report: rep.CohortReport) -> None:
    assert (report.retention_all.reviews, report.retention_all.recalled) == (8, 6)
    assert [(g.label, g.reviews, g.recalled) for g in report.retention] == [
        ("Month 1", 4, 4),
        ("Month 3", 4, 2),
    ]
    by_name = {r.name: r for r in report.learners}
    assert by_name["learner01"].retention.rate == 0.5
    assert by_name["learner03"].retention.rate == 1.0
    assert by_name["learner05"].retention.rate is None


def test_csv_exports(report: rep.CohortReport) -> None:
    rows = csv_rows(rep.learner_csv(report))
    assert [r["learner"] for r in rows] == data.LEARNERS
    row13 = rows[12]
    assert (row13["passed"], row13["due_by_now"], row13["behind"]) == ("5", "7", "yes")
    assert row13["missing"] == "m02-eda m02-inference"
    assert sum(r["behind"] == "yes" for r in rows) == 8
    grades = csv_rows(rep.exercise_csv(report))
    oop18 = next(r for r in grades if r["learner"] == "learner18" and r["exercise"] == "m01-oop")
    assert (oop18["attempts"], oop18["passed"], oop18["batch_verdict"]) == ("0", "yes", "PASS")
    katas2 = next(r for r in grades if r["learner"] == "learner02" and r["exercise"] == "m01-katas")
    assert (katas2["attempts"], katas2["attempts_to_pass"]) == ("3", "3")
    # a name a spreadsheet would run as a formula stays text
    assert rep._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and rep._cell("ada") == "ada"


def test_the_view_only_reads(cohort_url: str) -> None:
    engine, _ = rep.open_cohort(cohort_url)
    try:
        with pytest.raises(DBAPIError, match="readonly"), engine.begin() as conn:
            conn.execute(text("DELETE FROM cohort_attempts"))
    finally:
        engine.dispose()


# -- the pages -----------------------------------------------------------------------------


def test_overview_page(instructor: TestClient) -> None:
    page = instructor.get("/cohort")
    assert page.status_code == 200
    html = page.text
    assert data.NAME in html and "month 3 of 12" in html
    behind = section(html, "behind")
    assert all(f">{name}</a>" in behind for name in data.BEHIND)
    assert ">learner12</a>" not in behind
    rates = figure(html, "pass-rates")["data"][0]
    katas = rates["x"].index("m01-katas")
    assert rates["y"][katas] == round(100 * 17 / 19, 1)
    progress = figure(html, "progress")
    assert progress["layout"]["shapes"][0]["y0"] == 7  # due by now
    assert sorted(progress["data"][0]["y"], reverse=True)[:6] == [8] * 6
    assert "chunk(list of" in section(html, "failing")
    assert figure(html, "retention")["data"][0]["y"] == [100.0, 50.0]
    assert 'href="/cohort/export.csv"' in html


def test_exercise_and_learner_pages(instructor: TestClient) -> None:
    page = instructor.get("/cohort/exercises/m01-katas")
    assert page.status_code == 200
    assert "17 of 19 who tried passed" in page.text
    assert figure(page.text, "attempts")["data"][0]["y"] == [5, 6, 6]
    assert data.DEDUPE in section(page.text, "failing")
    assert "Not started: learner20." in page.text

    page = instructor.get("/cohort/learners/learner13")
    assert page.status_code == 200
    head = section(page.text, "learner-stats")
    assert "behind" in head and "5 passed, 7 due by now" in head
    months = section(page.text, "months")
    assert 'class="ex late" href="/cohort/exercises/m02-eda"' in months
    assert 'class="ex ok" href="/cohort/exercises/m01-katas"' in months
    due, passed = figure(page.text, "over-time")["data"]
    assert due["y"] == [0, 5, 7, 7] and passed["y"][-1] == 5  # month 1's 5, then month 2's
    batch = figure(instructor.get("/cohort/learners/learner18").text, "over-time")["data"][1]
    assert batch["y"] == [0, 1, 1]  # passed by a batch verdict, on the day of the verdict

    missing = instructor.get("/cohort/learners/learner99")
    assert missing.status_code == 404 and "No learner &#39;learner99&#39;" in missing.text
    wrong = instructor.get("/cohort/exercises/m01-kata")
    assert wrong.status_code == 404 and "Did you mean m01-katas?" in wrong.text


def test_csv_download(instructor: TestClient) -> None:
    got = instructor.get("/cohort/export.csv")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    assert len(csv_rows(got.text)) == 20
    gradebook = instructor.get("/cohort/export.csv", params={"rows": "exercises"})
    assert gradebook.text.startswith(",".join(rep.EXERCISE_CSV_COLUMNS))
    assert instructor.get("/cohort/export.csv", params={"rows": "x"}).status_code == 400


def test_without_a_workspace_only_the_cohort(instructor: TestClient) -> None:
    front = instructor.get("/", follow_redirects=False)
    assert front.status_code == 307 and front.headers["location"] == "/cohort"
    assert instructor.get("/quiz").status_code == 404
    assert 'href="/quiz"' not in instructor.get("/cohort").text


def test_with_a_workspace_both(workspace: Workspace, cohort_url: str) -> None:
    with TestClient(create_app(workspace, cohort=cohort_url)) as c:
        roadmap = c.get("/")
        assert roadmap.status_code == 200 and 'href="/cohort"' in roadmap.text
        assert str(workspace.root) in roadmap.text
        assert c.get("/cohort").status_code == 200
    with TestClient(create_app(workspace)) as c:  # no --cohort: no cohort pages
        assert c.get("/cohort").status_code == 404
        assert 'href="/cohort"' not in c.get("/").text


def test_a_database_that_breaks_is_one_line_on_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    url = make_cohort(tmp_path)
    with TestClient(create_app(cohort=url)) as c:
        assert c.get("/cohort").status_code == 200
        owner = create_engine(url)
        with owner.begin() as conn:
            conn.execute(text("DROP TABLE cohort_graded"))
        owner.dispose()
        broken = c.get("/cohort")
    assert broken.status_code == 500
    assert "Cannot read the cohort database" in broken.text and "cohort_graded" in broken.text


def test_the_token_guards_every_request(
    cohort_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = create_app(cohort=cohort_url, token="s3cret-token", allowed_hosts=None)
    with TestClient(app, base_url="http://lan.box") as c:
        none = c.get("/cohort")
        assert none.status_code == 401 and "needs its token" in none.text
        assert none.headers["www-authenticate"].startswith("Bearer")
        assert c.get("/cohort/export.csv").status_code == 401
        assert c.get("/static/dashboard.css").status_code == 401
        assert c.get("/cohort", headers={"Authorization": "Bearer nope"}).status_code == 403
        assert c.get("/cohort", params={"token": "nope"}).status_code == 403
        assert c.get("/cohort", headers={"X-Airoadmap-Token": "s3cret-token"}).status_code == 200
        assert c.get("/cohort", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
        once = c.get("/cohort/export.csv?rows=exercises&token=s3cret-token", follow_redirects=False)
        assert once.status_code == 303
        assert once.headers["location"] == "/cohort/export.csv?rows=exercises"  # token gone
        cookie = once.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert c.get("/cohort").status_code == 200  # the cookie carries it now
        elsewhere = c.get("/%2Fevil.example/x?token=s3cret-token", follow_redirects=False)
        assert elsewhere.headers["location"] == "/evil.example/x"  # stays on this site
        c.cookies.clear()
        c.cookies.set("airoadmap_token", "stale")
        assert c.get("/cohort").status_code == 403


# -- the command ---------------------------------------------------------------------------


class FakeServer:
    """Stands in for uvicorn.Server: keeps the app it was asked to serve."""

    apps: list[Any] = []  # noqa: RUF012

    def __init__(self, config: Any) -> None:
        self.config = config

    def run(self, sockets: list[socket.socket]) -> None:
        FakeServer.apps.append(self.config.app)


@pytest.fixture()
def served(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Any]:
    import uvicorn

    FakeServer.apps = []
    monkeypatch.setattr(uvicorn, "Server", FakeServer)
    monkeypatch.chdir(tmp_path)  # no workspace here
    return FakeServer.apps


def cli() -> typer.Typer:
    from airoadmap.cli import dashboard

    root = typer.Typer()
    dashboard.register(root)

    @root.callback()
    def main() -> None:
        """airoadmap (test app)."""

    return root


def test_dashboard_cohort_on_loopback_needs_no_token(cohort_url: str, served: list[Any]) -> None:
    result = CliRunner().invoke(cli(), ["dashboard", "--cohort", cohort_url, "--port", "0"])
    assert result.exit_code == 0, result.output
    assert "/cohort" in result.output and "token" not in result.output
    with TestClient(served[0]) as c:
        assert c.get("/cohort").status_code == 200


def test_dashboard_cohort_on_the_network_makes_a_token(cohort_url: str, served: list[Any]) -> None:
    args = ["dashboard", "--cohort", cohort_url, "--host", "0.0.0.0", "--port", "0"]
    result = CliRunner().invoke(cli(), args)
    assert result.exit_code == 0, result.output
    found = re.search(r"\?token=([A-Za-z0-9_-]{20,})", result.output)
    assert found, result.output
    assert "password" not in result.output
    with TestClient(served[0], base_url="http://lan.box") as c:
        assert c.get("/cohort").status_code == 401
        assert c.get("/cohort", params={"token": found.group(1)}).status_code == 200
    given = CliRunner().invoke(cli(), [*args, "--token", "my-own-token"])
    assert given.exit_code == 0 and "?token=my-own-token" in given.output
    for bad in ("", "short", "has space in it;x=1"):
        refused = CliRunner().invoke(cli(), [*args, "--token", bad])
        assert refused.exit_code == 1, refused.output
        assert len(refused.output.strip().splitlines()) == 1 and "--token" in refused.output


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("nonsense", "is not a database URL"),
        ("sqlite:///{tmp}/absent.db", "No cohort database at"),
        ("sqlite:///{tmp}/empty.db", "holds no cohort"),
        ("postgresql://nobody@127.0.0.1:1/x", "cannot be reached"),
    ],
)
def test_dashboard_bad_cohort_is_one_line(
    url: str, says: str, served: list[Any], tmp_path: Path
) -> None:
    create_engine(f"sqlite:///{tmp_path}/empty.db").connect().close()
    given = url.format(tmp=tmp_path)
    result = CliRunner().invoke(cli(), ["dashboard", "--cohort", given, "--port", "0"])
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], result.output
    assert served == []


# -- PostgreSQL ----------------------------------------------------------------------------


def test_postgresql_instructor_sees_the_same_class(pg_url: str, report: rep.CohortReport) -> None:
    """`cohort create` on PostgreSQL (roles, row-level security), the class written by the
    owner, an instructor's login: the same figures as on SQLite, and a read-only view."""
    from airoadmap.cohort import db

    db.create(pg_url, name=data.NAME, start=data.start_date(TODAY), hours_per_week=data.HOURS)
    owner = create_engine(pg_url)
    try:
        data.fill(owner, TODAY, meta=False)
    finally:
        owner.dispose()
    teacher = db.add_member(
        pg_url, f"teach_{uuid.uuid4().hex[:10]}", kind="instructor", password="pw-teacher"
    )
    engine, info = rep.open_cohort(teacher.url)
    try:
        assert info.name == data.NAME
        on_pg = rep.build_report(engine, curriculum(), TODAY)
        with pytest.raises(DBAPIError, match="read-only transaction"), engine.begin() as conn:
            conn.execute(text("DELETE FROM cohort_attempts"))
    finally:
        engine.dispose()
    assert rep.learner_csv(on_pg) == rep.learner_csv(report)
    assert rep.exercise_csv(on_pg) == rep.exercise_csv(report)
    assert on_pg.failing == report.failing
    assert on_pg.retention == report.retention
