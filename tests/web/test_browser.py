"""The dashboard in a real browser: headless Chromium driven by Playwright.

Opens the roadmap, a month, an exercise (its Plotly chart must draw an SVG), a run (its
images must load) and answers quiz cards by clicking; takes screenshots into the test's
temporary folder; fails on any script error or blocked resource (e.g. by the CSP).

Needs the `playwright` Python package and a system Chromium (Debian: apt-get install
chromium); `playwright install` is not used. Skipped, with the reason, where either is missing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from airoadmap.curriculum.loader import curriculum
from airoadmap.progress.store import ProgressStore
from airoadmap.quiz.loader import all_cards
from airoadmap.quiz.models import LETTERS, ChoiceCard
from airoadmap.quiz.scheduler import Rating
from airoadmap.results import Outcome

from .conftest import RUN_NAME, RUN_PROJECT, LiveServer, make_workspace, right_answer, serve

pytestmark = pytest.mark.slow  # a real Chromium

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright Python package is not installed"
)


def find_chromium() -> str | None:
    for candidate in (
        os.environ.get("AIROADMAP_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


CHROMIUM = find_chromium()
if CHROMIUM is None:
    pytest.skip(
        "Chromium not found (/usr/bin/chromium; Debian: apt-get install chromium): "
        "the browser tests need it",
        allow_module_level=True,
    )

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go (the module's temporary folder)."""
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A workspace with a few attempts of m03-linreg, served on a free port."""
    ws = make_workspace(tmp_path_factory.mktemp("browser") / "ws")
    start = datetime.now(UTC) - timedelta(days=2)
    with ProgressStore.for_workspace(ws.db_path) as store:
        for i, r2 in enumerate((0.42, 0.71, 0.86, 0.93)):
            outcome = Outcome.PASS if r2 >= 0.9 else Outcome.FAIL
            message = "" if r2 >= 0.9 else f"r2_holdout={r2} is below the bar 0.9."
            checks = [{"name": "held-out R^2", "outcome": outcome.value, "message": message}]
            store.record_attempt(
                "m03-linreg",
                outcome,
                {"r2_holdout": r2},
                checks,
                2.0,
                f"hash{i}",
                created_at=start + timedelta(hours=6 * i),
            )
    srv, thread = serve(ws)
    yield srv
    srv.stop(thread)


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Chromium with a new, empty profile."""
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
    """What went wrong in the page: script errors, console errors, failed requests."""
    return []


def aborted_stream(request: Any) -> bool:
    """An exercise page's event stream, cut off because the page went away (a reload, a
    link, the tab closed): the browser aborts the open request; nothing failed."""
    return "/events?since=" in request.url and request.failure == "net::ERR_ABORTED"


@pytest.fixture()
def page(browser_context: Any, problems: list[str]) -> Iterator[Any]:
    """A fresh tab; after the test, no script error, failed request or console error."""
    tab = browser_context.new_page()
    tab.set_viewport_size(WIDE)
    tab.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    tab.on(
        "console",
        lambda msg: (
            problems.append(f"console {msg.type}: {msg.text}")
            if msg.type in ("error", "warning")
            else None
        ),
    )
    tab.on(
        "requestfailed",
        lambda req: (
            None
            if aborted_stream(req)
            else problems.append(f"request failed: {req.url} ({req.failure})")
        ),
    )
    yield tab
    tab.close()
    assert problems == []


def shoot(tab: Any, path: Path, *, full_page: bool = True) -> None:
    tab.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 5_000, path


def no_sideways_scroll(tab: Any) -> bool:
    return bool(tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def images_loaded(tab: Any, selector: str = "img") -> list[tuple[str, int]]:
    """(src, naturalWidth) of every image matching `selector`, once each has loaded."""
    tab.wait_for_function(
        f"[...document.querySelectorAll({selector!r})].every(i => i.complete)", timeout=10_000
    )
    return [
        (src, width)
        for src, width in tab.evaluate(
            f"[...document.querySelectorAll({selector!r})].map(i => [i.src, i.naturalWidth])"
        )
    ]


def test_roadmap(page: Any, site: LiveServer, shots: Path) -> None:
    page.goto(site.url + "/")
    assert page.locator(".phase").count() == 4
    assert page.locator(".month-card").count() == 12
    assert page.locator(".tl-month").count() == 12
    assert "Month 3 of 12" in page.locator("#schedule").inner_text()
    assert page.locator(".month-card.current h3").inner_text() == "Mathematics for Machine Learning"
    shoot(page, shots / "roadmap.png")
    assert no_sideways_scroll(page)
    page.set_viewport_size(PHONE)
    page.reload()
    assert no_sideways_scroll(page)
    shoot(page, shots / "roadmap-phone.png")
    page.locator("#month-3").click()
    page.wait_for_url(site.url + "/months/3")


def test_month(page: Any, site: LiveServer, shots: Path) -> None:
    page.goto(site.url + "/months/3")
    assert "Mathematics for Machine Learning" in page.locator("h1").inner_text()
    assert page.locator(".ex-item").count() >= 2
    thumbs = images_loaded(page, ".thumbs img")
    assert thumbs and all(width > 0 for _, width in thumbs), thumbs
    shoot(page, shots / "month-3.png")
    page.locator(".ex-item a", has_text="Linear regression").click()
    page.wait_for_url(site.url + "/exercises/m03-linreg")


def test_exercise_chart_renders(page: Any, site: LiveServer, shots: Path) -> None:
    page.goto(site.url + "/exercises/m03-linreg")
    chart = page.locator("#chart-1")
    page.wait_for_selector("#chart-1[data-rendered='true'] svg.main-svg", timeout=15_000)
    assert chart.locator("svg.main-svg").count() >= 1
    assert chart.locator(".scatterlayer .point").count() == 4  # one marker per attempt
    assert chart.locator(".shapelayer path").count() >= 1  # the bar
    assert "bar ≥ 0.9" in chart.inner_text()
    assert page.locator("#last-check").get_by_text("pass").count() >= 1
    assert page.locator("math").count() > 0  # the brief's maths, as MathML
    shoot(page, shots / "exercise-m03-linreg.png")
    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_selector("#chart-1[data-rendered='true'] svg.main-svg", timeout=15_000)
    assert no_sideways_scroll(page)
    shoot(page, shots / "exercise-phone.png", full_page=False)


def test_run_page_images_and_report(page: Any, site: LiveServer, shots: Path) -> None:
    page.goto(f"{site.url}/runs/{RUN_PROJECT}/{RUN_NAME}")
    loaded = images_loaded(page)
    assert len(loaded) >= 2 and all(width > 0 for _, width in loaded), loaded
    frame = page.frame_locator("iframe.report-frame")
    assert frame.locator("#inside").inner_text() == "HTML report inside"
    shoot(page, shots / "run.png")


def test_answer_quiz_cards(page: Any, site: LiveServer, shots: Path) -> None:
    with ProgressStore.for_workspace(site.workspace.db_path) as store:
        before = len(store.quiz_reviews())
    page.goto(site.url + "/quiz?month=3")
    first = page.locator("input[name=card]").get_attribute("value")
    shoot(page, shots / "quiz-card.png")
    page.get_by_role("button", name="I don't know: show me").click()
    page.wait_for_selector("#verdict.wrong")
    assert "Not quite" in page.locator("h1").inner_text()
    assert page.locator(".explanation").inner_text().strip()
    shoot(page, shots / "quiz-wrong.png")
    page.get_by_role("link", name="Next card").click()
    page.wait_for_selector("#card")
    second = page.locator("input[name=card]").get_attribute("value")
    assert second != first
    card = next(c for c in all_cards() if c.id == second)
    if isinstance(card, ChoiceCard):
        page.locator(f"input[name=answer][value={LETTERS[card.answer_index]}]").check(force=True)
    else:
        page.locator("#answer").fill(right_answer(card))
    page.get_by_role("button", name="Answer", exact=True).click()
    page.wait_for_selector("#verdict.right")
    shoot(page, shots / "quiz-right.png")
    page.get_by_role("button", name="Good").click()
    page.wait_for_selector("#saved")
    assert second in page.locator("#saved").inner_text()
    with ProgressStore.for_workspace(site.workspace.db_path) as store:
        reviews = store.quiz_reviews()
    assert len(reviews) == before + 2
    assert [(r.card_id, r.rating) for r in reviews[-2:]] == [
        (first, int(Rating.Again)),
        (second, int(Rating.Good)),
    ]


def test_not_found_page(page: Any, site: LiveServer, shots: Path, problems: list[str]) -> None:
    response = page.goto(site.url + "/exercises/m03-nope")
    assert response is not None and response.status == 404
    assert all("404" in p for p in problems), problems  # the browser logs the status itself
    problems.clear()
    assert "Unknown exercise 'm03-nope'" in page.locator(".lead").inner_text()
    shoot(page, shots / "not-found.png", full_page=False)


def test_check_now_then_a_check_elsewhere_reloads_the_page(
    page: Any, site: LiveServer, shots: Path
) -> None:
    """Click "Check now": the check runs and its attempt shows. Then an attempt recorded
    outside the browser (as `airoadmap check` or `watch` records it) reloads the page."""
    exercise = "m01-katas"
    ex = curriculum().exercises[exercise]
    code_hint = next(g for g in ex.hints if "```" in g.tiers[-1])
    with ProgressStore.for_workspace(site.workspace.db_path) as store:
        for tier in range(1, len(code_hint.tiers) + 1):
            store.record_hint(exercise, code_hint.key, tier)
    page.goto(f"{site.url}/exercises/{exercise}")
    assert page.locator("#last-check").count() == 0
    assert page.locator("#hints pre code").count() == 1  # the tier-3 code hint, as code

    page.get_by_role("button", name="Check now").click()
    page.wait_for_selector("#checked", timeout=120_000)  # the check ran, the page shows it
    with ProgressStore.for_workspace(site.workspace.db_path) as store:
        [made] = store.attempts(exercise)
    assert page.url.endswith(f"/exercises/{exercise}?checked={made.id}#checked")
    assert page.locator("#last-check").count() == 1
    assert "1 attempt" in page.locator("#best").inner_text()
    shoot(page, shots / "exercise-checked.png")

    with (
        page.expect_navigation(timeout=60_000),  # the page reloads by itself
        ProgressStore.for_workspace(site.workspace.db_path) as store,
    ):
        store.record_attempt(
            exercise,
            Outcome.FAIL,
            {},
            [{"name": "recorded in a terminal", "outcome": "FAIL", "message": "elsewhere"}],
            1.5,
            "cli",
        )
    assert "recorded in a terminal" in page.locator("#last-check").inner_text()
    assert "2 attempts" in page.locator("#best").inner_text()
    assert page.locator("#checked").count() == 0  # the note was about the attempt before
    shoot(page, shots / "exercise-reloaded.png")
