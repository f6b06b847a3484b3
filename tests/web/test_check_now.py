""""Check now" on the exercise page and the page's live reload (issue 8, item 18).

The button posts a form that only a page of this dashboard, on this machine, can send (the
CSRF token, the origin, the loopback client); the check runs through `check_exercise` as
`airoadmap check` does and is recorded. The event stream tells a page about a new attempt
whoever recorded it. The same in Chromium: tests/web/test_browser.py.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from html import unescape

import pytest
from fastapi.testclient import TestClient

from airoadmap.checking import check_exercise
from airoadmap.curriculum.loader import curriculum, exercise_dir
from airoadmap.progress.store import ProgressStore
from airoadmap.results import Outcome
from airoadmap.web import create_app
from airoadmap.web.routes import live
from airoadmap.workspace import Workspace

from .conftest import LiveServer
from .test_cli import SCRIPT

EX = "m01-katas"
PAGE = f"/exercises/{EX}"


def token(html: str) -> str:
    found = re.search(r'<input type="hidden" name="csrf" value="([^"]+)">', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def solve(ws: Workspace, exercise_id: str = EX) -> None:
    """Put the reference solution where the learner's files go."""
    ex = curriculum().exercises[exercise_id]
    folder = ws.exercise_path(curriculum(), ex)
    for name in ex.files:
        shutil.copy(exercise_dir(ex.id) / "solution" / name, folder / name)


def attempts(ws: Workspace, exercise_id: str = EX) -> list[tuple[int, Outcome]]:
    with ProgressStore.for_workspace(ws.db_path) as store:
        return [(a.id, a.outcome) for a in store.attempts(exercise_id)]


def test_check_now_checks_records_and_shows_the_result(
    workspace: Workspace, client: TestClient
) -> None:
    solve(workspace)
    page = client.get(PAGE).text
    assert 'action="/exercises/m01-katas/check"' in page and "Check now" in page
    assert 'id="checked"' not in page

    answer = client.post(f"{PAGE}/check", data={"csrf": token(page)}, follow_redirects=False)
    assert answer.status_code == 303
    [(attempt, outcome)] = attempts(workspace)
    assert answer.headers["location"] == f"{PAGE}?checked={attempt}#checked"
    assert outcome == Outcome.PASS  # the solution, graded for real

    cli = check_exercise(EX, ws=workspace, record=False)  # what `airoadmap check` computes
    with ProgressStore.for_workspace(workspace.db_path) as store:
        recorded = store.attempts(EX)[-1]
    assert recorded.outcome == cli.outcome
    assert [c["name"] for c in recorded.checks] == [c.name for c in cli.checks]
    assert recorded.code_hash == cli.code_hash

    shown = client.get(answer.headers["location"]).text
    flash = re.search(r'<p class="flash ok" id="checked".*?</p>', shown, flags=re.S)
    assert flash and "pass" in flash.group(0) and "attempt 1" in flash.group(0)
    assert 'id="last-check"' in shown
    assert f'data-events="{PAGE}/events?since={attempt}"' in shown


def test_the_flash_is_only_for_the_attempt_just_made(
    workspace: Workspace, client: TestClient, store: ProgressStore
) -> None:
    first = store.record_attempt(EX, Outcome.FAIL)
    store.record_attempt(EX, Outcome.PASS)
    assert 'id="checked"' not in client.get(f"{PAGE}?checked={first}").text


@pytest.mark.parametrize(
    ("form", "headers", "says"),
    [
        ({"card": "x"}, {}, "not sent by the dashboard"),
        ({"csrf": "guessed"}, {}, "not sent by the dashboard"),
        ("right", {"origin": "http://evil.example"}, "Cross-site request refused"),
        ("right", {"sec-fetch-site": "cross-site"}, "Cross-site request refused"),
        ("right", {"sec-fetch-site": "same-site"}, "Cross-site request refused"),
    ],
)
def test_a_check_from_elsewhere_is_refused(
    workspace: Workspace,
    client: TestClient,
    form: dict[str, str] | str,
    headers: dict[str, str],
    says: str,
) -> None:
    data = {"csrf": token(client.get(PAGE).text)} if form == "right" else form
    answer = client.post(f"{PAGE}/check", data=data, headers=headers, follow_redirects=False)
    assert answer.status_code == 403 and says in answer.text
    assert attempts(workspace) == []


def test_the_token_of_another_start_of_the_dashboard_is_refused(
    workspace: Workspace, client: TestClient
) -> None:
    with TestClient(create_app(workspace)) as other:
        old = token(other.get(PAGE).text)
    assert old != token(client.get(PAGE).text)
    answer = client.post(f"{PAGE}/check", data={"csrf": old})
    assert answer.status_code == 403 and attempts(workspace) == []


def test_a_check_from_another_machine_is_refused(workspace: Workspace) -> None:
    """Served with --host 0.0.0.0, others can read the page (and its token), not check."""
    app = create_app(workspace, allowed_hosts=None)
    with TestClient(app, client=("192.168.1.20", 50000)) as remote:
        assert "Check now" not in remote.get(PAGE).text
        answer = remote.post(f"{PAGE}/check", data={"csrf": app.state.dashboard.csrf_token})
    assert answer.status_code == 403 and "dashboard's own machine" in unescape(answer.text)
    assert attempts(workspace) == []


def test_check_needs_a_post_a_form_and_a_known_exercise(client: TestClient) -> None:
    right = {"csrf": token(client.get(PAGE).text)}
    assert client.get(f"{PAGE}/check").status_code == 405
    assert client.post(f"{PAGE}/check", json=right).status_code == 415
    unknown = client.post("/exercises/m01-nope/check", data=right)
    assert unknown.status_code == 404 and "Unknown exercise 'm01-nope'" in unescape(unknown.text)


def test_one_check_at_a_time(workspace: Workspace) -> None:
    app = create_app(workspace)
    with TestClient(app) as c:
        right = {"csrf": token(c.get(PAGE).text)}
        with app.state.dashboard.checking:  # a check is running
            busy = c.post(f"{PAGE}/check", data=right)
        assert busy.status_code == 409 and "running already" in busy.text
        assert c.post(f"{PAGE}/check", data=right).status_code == 200
    assert len(attempts(workspace)) == 1


# -- the event stream -----------------------------------------------------------------------


def events(text: str) -> list[tuple[str, str]]:
    """(event, data) of each event in a server-sent event stream."""
    found = []
    for block in text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if "event" in fields:
            found.append((fields["event"], fields.get("data", "")))
    return found


def test_the_stream_says_when_the_page_is_behind(client: TestClient, store: ProgressStore) -> None:
    new = store.record_attempt(EX, Outcome.FAIL)
    answer = client.get(f"{PAGE}/events?since=0")
    assert answer.headers["content-type"].startswith("text/event-stream")
    assert answer.headers["cache-control"] == "no-cache"
    assert answer.text.startswith("retry: ")
    assert events(answer.text) == [("attempt", str(new))]


def test_a_stream_without_news_ends_by_itself(
    client: TestClient, store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    latest = store.record_attempt(EX, Outcome.FAIL)
    store.record_attempt("m03-linreg", Outcome.PASS)  # another exercise's attempt is no news
    monkeypatch.setattr(live, "POLL_S", 0.0)
    monkeypatch.setattr(live, "STREAM_POLLS", 40)
    answer = client.get(f"{PAGE}/events?since={latest}")
    assert answer.status_code == 200 and events(answer.text) == []
    assert answer.text.count(": waiting") == 40 // live.KEEPALIVE_POLLS


def test_the_stream_of_an_unknown_exercise_is_404(client: TestClient) -> None:
    assert client.get("/exercises/m01-nope/events").status_code == 404
    assert client.get(f"{PAGE}/events?since=-1").status_code == 400


@pytest.fixture()
def stream(live: LiveServer) -> Iterator[http.client.HTTPResponse]:
    """An open event stream of the exercise page, as a browser holds it."""
    conn = http.client.HTTPConnection("127.0.0.1", live.port, timeout=60)  # a hang guard
    conn.request("GET", f"{PAGE}/events?since=0")
    response = conn.getresponse()
    assert response.status == 200
    assert response.readline().startswith(b"retry: ")
    yield response
    conn.close()


def test_an_attempt_recorded_elsewhere_reaches_an_open_stream(
    live: LiveServer, stream: http.client.HTTPResponse
) -> None:
    assert stream.readline() == b"\n"
    check_exercise(EX, ws=live.workspace)  # `airoadmap check m01-katas` in a terminal
    [(new, _)] = attempts(live.workspace)
    assert events(stream.read().decode()) == [("attempt", str(new))]  # then it ends


def test_the_streams_end_when_the_server_stops(
    live: LiveServer, stream: http.client.HTTPResponse
) -> None:
    live.app.state.dashboard.stopping.set()
    assert events(stream.read().decode()) == []  # a clean end, not a broken connection


@pytest.mark.slow  # starts the dashboard in a child process
def test_ctrl_c_stops_the_dashboard_with_a_page_open(workspace: Workspace) -> None:
    env = {**os.environ, "AIROADMAP_WORKSPACE": str(workspace.root), "COLUMNS": "300"}
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, "dashboard", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        port = int(line.split("http://127.0.0.1:", 1)[1].split("/", 1)[0])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request("GET", f"{PAGE}/events?since=0")
            response = conn.getresponse()
            assert response.readline().startswith(b"retry: ")
            proc.send_signal(signal.SIGINT)
            assert events(response.read().decode()) == []  # ended cleanly by the server
        finally:
            conn.close()
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0 and "Dashboard stopped." in out, out
        assert "Cancel" not in out, out  # no stream was left for uvicorn to cut off
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
