"""The instructor view in a real browser (headless Chromium via Playwright): sign in with the
token URL, the charts draw (one bar per learner, pass rates, retention), links lead to a
learner and an exercise, a phone-wide screen does not scroll sideways, and a browser without
the token is refused. Screenshots go to the module's temporary folder.

Skipped, with the reason, where playwright or Chromium is missing (see test_browser.py).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from airoadmap.web import create_app

from . import cohort_data as data
from .test_browser import CHROMIUM, FLAGS, PHONE, WIDE, no_sideways_scroll, shoot, sync_api
from .test_cohort_pages import make_cohort

pytestmark = pytest.mark.slow  # a real Chromium

TOKEN = "browser-test-token-0123456789"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An instructor's dashboard (no workspace, a token) on a free port; its base URL."""
    import uvicorn

    folder = tmp_path_factory.mktemp("cohort-browser")
    url = make_cohort(folder)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)  # no workspace there
        app = create_app(cohort=url, token=TOKEN)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the dashboard server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cohort-screenshots")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, viewport=WIDE
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture()
def problems() -> list[str]:
    return []


@pytest.fixture()
def refused() -> set[int]:
    """HTTP statuses a test expects (the browser logs each as a console error, at times
    after the test's last step: the page's favicon, say)."""
    return set()


@pytest.fixture()
def page(browser: Any, problems: list[str], refused: set[int]) -> Iterator[Any]:
    """A fresh tab; after the test, no script error, failed request or console error."""
    tab = browser.new_page()
    tab.set_viewport_size(WIDE)

    def console(msg: Any) -> None:
        expected = any(f"status of {code} " in msg.text for code in refused)
        if msg.type in ("error", "warning") and not expected:
            problems.append(f"console {msg.type}: {msg.text}")

    tab.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    tab.on("console", console)
    tab.on("requestfailed", lambda req: problems.append(f"request failed: {req.url}"))
    yield tab
    tab.close()
    assert problems == []


def drawn(tab: Any, key: str) -> Any:
    """The chart `key` once plotly.js has drawn it."""
    tab.wait_for_selector(f"#chart-{key}[data-rendered='true'] svg.main-svg", timeout=15_000)
    return tab.locator(f"#chart-{key}")


def test_sign_in_and_the_overview_draws(page: Any, site: str, shots: Path) -> None:
    page.goto(f"{site}/cohort?token={TOKEN}")
    assert page.url == f"{site}/cohort"  # the token left the address bar for a cookie
    assert data.NAME in page.locator("h1").inner_text()
    assert drawn(page, "progress").locator(".barlayer .point").count() == 20
    assert drawn(page, "pass-rates").locator(".barlayer .point").count() >= 2 * 8
    assert drawn(page, "retention").locator(".barlayer .point").count() == 2
    assert page.locator("#behind tbody tr").count() == len(data.BEHIND)
    shoot(page, shots / "cohort-overview.png")
    page.set_viewport_size(PHONE)
    page.reload()
    drawn(page, "progress")
    assert no_sideways_scroll(page)
    shoot(page, shots / "cohort-overview-phone.png", full_page=False)


def test_from_a_learner_behind_to_an_exercise(page: Any, site: str, shots: Path) -> None:
    page.goto(f"{site}/cohort?token={TOKEN}")
    page.locator("#behind a", has_text="learner13").click()
    page.wait_for_url(f"{site}/cohort/learners/learner13")
    assert "5 passed, 7 due by now" in page.locator("#learner-stats").inner_text()
    assert drawn(page, "over-time").locator(".scatterlayer .trace").count() == 2
    shoot(page, shots / "cohort-learner.png")
    page.set_viewport_size(PHONE)
    page.reload()
    assert no_sideways_scroll(page)
    page.set_viewport_size(WIDE)
    page.locator("#months a.ex.late", has_text="m02-eda").click()
    page.wait_for_url(f"{site}/cohort/exercises/m02-eda")
    assert drawn(page, "attempts").locator(".barlayer .point").count() == 1
    page.goto(f"{site}/cohort/exercises/m01-katas")
    assert drawn(page, "attempts").locator(".barlayer .point").count() == 3
    assert "14" in page.locator("#failing tbody tr").first.inner_text()
    shoot(page, shots / "cohort-exercise.png")


def test_a_browser_without_the_token_is_refused(page: Any, site: str, refused: set[int]) -> None:
    refused.add(401)
    page.context.clear_cookies()
    response = page.goto(f"{site}/cohort")
    assert response is not None and response.status == 401
    assert "needs its token" in page.locator("body").inner_text()
    csv = page.request.get(f"{site}/cohort/export.csv")
    assert csv.status == 401
