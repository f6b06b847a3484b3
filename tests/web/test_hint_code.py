"""Tier-3 code hints keep their lines in the exercise page's sidebar (issue 8, item 14)."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient

from airoadmap.curriculum.loader import curriculum
from airoadmap.progress.store import ProgressStore
from airoadmap.web.markdown import render_hint


def sidebar_hints(html: str) -> str:
    start = html.index('id="hints"')
    return html[start : html.index("</section>", start)]


def test_a_code_hint_is_shown_as_code_with_its_lines(
    client: TestClient, store: ProgressStore
) -> None:
    ex = curriculum().exercises["m01-katas"]
    group = next(g for g in ex.hints if "```" in g.tiers[-1])
    for tier in range(1, len(group.tiers) + 1):
        store.record_hint(ex.id, group.key, tier)
    hints = sidebar_hints(client.get(f"/exercises/{ex.id}").text)
    blocks = re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", hints, flags=re.S)
    assert len(blocks) == 1, hints
    code = unescape(re.sub(r"<[^>]+>", "", blocks[0]))
    body = group.tiers[-1].strip().removeprefix("```python").removesuffix("```").strip("\n")
    assert code.strip("\n") == body  # every line, with its indentation
    assert code.count("\n") >= 2
    assert "```" not in hints  # the fence is markup, not text


def test_hint_text_is_escaped_and_one_line_hints_stay_inline() -> None:
    assert str(render_hint("Use `np.mean` <b>here</b>")) == (
        "Use <code>np.mean</code> &lt;b&gt;here&lt;/b&gt;"
    )
    code = str(render_hint("```python\nif a < b:\n    print('<script>')\n```"))
    assert code.startswith("<pre><code") and "<script>" not in code
    assert "&lt;script&gt;" in code
    assert unescape(re.sub(r"<[^>]+>", "", code)).strip() == "if a < b:\n    print('<script>')"
    plain = str(render_hint("first line\n  second <i>line</i>"))
    assert plain == "<pre><code>first line\n  second &lt;i&gt;line&lt;/i&gt;</code></pre>"
