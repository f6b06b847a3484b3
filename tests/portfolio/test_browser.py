"""The portfolio in a real browser: headless Chromium opens it from the file system.

Needs Playwright (the Python package) and a Chromium (the system one, /usr/bin/chromium, or
$AIROADMAP_CHROMIUM); skipped with the reason where either is missing. Screenshots go to
the test's temporary folder (pytest keeps the last runs' folders), or to
$AIROADMAP_SCREENSHOTS when it is set.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.portfolio.conftest import Built

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    given = os.environ.get("AIROADMAP_CHROMIUM")
    if given:
        return given
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed: pip install playwright"
    )
    executable = chromium_path()
    if executable is None:
        pytest.skip("No Chromium found: apt install chromium (or set AIROADMAP_CHROMIUM)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        try:
            context = pw.chromium.launch_persistent_context(
                str(profile),
                executable_path=executable,
                args=FLAGS,
                headless=True,
                viewport={"width": 1280, "height": 900},
            )
        except Exception as exc:  # a Chromium that cannot start here
            pytest.skip(f"Chromium at {executable} does not start: {str(exc).splitlines()[0]}")
        try:
            yield context
        finally:
            context.close()


def shots_dir(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("AIROADMAP_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def open_page(browser: Any, url: str) -> tuple[Any, list[str]]:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="load")
    return page, requests


def broken_images(page: Any) -> list[str]:
    return list(
        page.evaluate(
            "Array.from(document.images)"
            ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
        )
    )


@pytest.mark.slow
def test_index_and_pages_render_from_disk(built: Built, browser: Any, tmp_path: Path) -> None:
    shots = shots_dir(tmp_path)
    page, requests = open_page(browser, (built.out / "index.html").as_uri())
    # The stylesheet loaded (the hero's gradient comes from style.css) and so did the images.
    assert "gradient" in page.evaluate(
        "getComputedStyle(document.querySelector('.hero')).backgroundImage"
    )
    assert page.locator(".card").count() == 2
    assert page.locator("img.thumb").count() == 1
    assert broken_images(page) == []
    page.screenshot(path=str(shots / "portfolio-index.png"), full_page=True)

    page.click("text=Linear regression from scratch")  # follow a card's relative link
    page.wait_for_load_state("load")
    assert page.url.endswith("/m03-linreg/index.html")
    assert page.locator("h1").inner_text() == "Linear regression from scratch in NumPy"
    assert page.locator("figure img").count() == 2 and broken_images(page) == []
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.locator(".prose h4").first.is_visible()  # the brief, opened
    page.screenshot(path=str(shots / "portfolio-m03-linreg.png"), full_page=True)

    page.goto((built.out / "m01-katas" / "index.html").as_uri(), wait_until="load")
    assert page.locator(".notice.warn").is_visible()  # modified since it passed
    page.screenshot(path=str(shots / "portfolio-m01-katas.png"), full_page=True)

    assert [u for u in requests if not u.startswith("file://")] == []
    for name in ("portfolio-index.png", "portfolio-m03-linreg.png", "portfolio-m01-katas.png"):
        assert (shots / name).stat().st_size > 10_000
