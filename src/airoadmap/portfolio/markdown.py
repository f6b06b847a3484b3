"""Markdown and code to safe, self-contained HTML (markdown-it-py and Pygments, both of
which rich already depends on).

Raw HTML in the markdown is escaped, never passed through. Links stay links only where they
point to the web (http, https, mailto) or to an anchor: a relative link would not resolve
inside the site, so its text is kept without the link. Images are never loaded: an image
becomes its alt text (a link to it when it is on the web), so a page can never fetch
anything from the network.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

CODE_CLASS = "hl"  # the CSS class of highlighted code (style.css holds its colours)
EXTERNAL = ("http://", "https://", "mailto:")


def render_markdown(text: str, *, heading_offset: int = 0) -> str:
    """`text` (CommonMark with tables) as an HTML fragment, safe to embed in a page.

    heading_offset demotes the headings (1: `#` becomes <h2>), for text placed under a
    page's own headings; nothing goes below <h6>.
    """
    md = _parser()
    tokens = md.parse(text)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _safe_inline(token.children)
        elif token.type in ("heading_open", "heading_close") and heading_offset:
            level = min(int(token.tag[1]) + heading_offset, 6)
            token.tag = f"h{level}"
    return str(md.renderer.render(tokens, md.options, {}))


def highlight(code: str, language: str) -> str:
    """Code as an HTML <pre> block, coloured by Pygments where the language is known."""
    body = _highlight_body(code, language)
    lang = html.escape(language or "text")
    return f'<pre class="{CODE_CLASS}"><code data-lang="{lang}">{body}</code></pre>\n'


def code_css() -> str:
    """The CSS rules of Pygments' colours for `.hl` blocks (light and dark)."""
    try:
        from pygments.formatters import HtmlFormatter
    except ImportError:  # pragma: no cover - rich requires pygments
        return ""
    light = HtmlFormatter(style="friendly").get_style_defs(f".{CODE_CLASS}")
    dark = HtmlFormatter(style="github-dark").get_style_defs(f".{CODE_CLASS}")
    # Keep the block's own background from style.css: only the token colours are taken.
    light = _without_backgrounds(light)
    dark = _without_backgrounds(dark)
    return f"{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"


def _without_backgrounds(css: str) -> str:
    lines = []
    for line in css.splitlines():
        if line.startswith(f".{CODE_CLASS} {{") or line.startswith("pre {"):
            continue  # the block's background and line height: style.css sets them
        if "background-color" in line and ".hll" not in line:
            continue
        lines.append(line)
    return "\n".join(lines)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "highlight": _fence}).enable("table")


def _fence(code: str, language: str, _attrs: str) -> str:
    return highlight(code, language)


def _highlight_body(code: str, language: str) -> str:
    try:
        from pygments import highlight as pyg_highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import get_lexer_by_name
        from pygments.util import ClassNotFound
    except ImportError:  # pragma: no cover - rich requires pygments
        return html.escape(code)
    try:
        lexer = get_lexer_by_name(language or "text")
    except ClassNotFound:
        return html.escape(code)
    return str(pyg_highlight(code, lexer, HtmlFormatter(nowrap=True)))


def _safe_inline(children: Sequence[Token]) -> list[Token]:
    """Drop relative links (keep their text) and turn images into text."""
    out: list[Token] = []
    kept: list[bool] = []  # for each open link: whether its tokens are kept
    for token in children:
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            keep = href.startswith(EXTERNAL) or href.startswith("#")
            kept.append(keep)
            if keep:
                if href.startswith(("http://", "https://")):
                    token.attrSet("rel", "noopener noreferrer")
                out.append(token)
            continue
        if token.type == "link_close":
            if kept.pop() if kept else True:
                out.append(token)
            continue
        if token.type == "image":
            out.extend(_image_as_text(token))
            continue
        out.append(token)
    return out


def _image_as_text(token: Token) -> list[Token]:
    alt = token.content or "image"
    src = str(token.attrGet("src") or "")
    text = _token("text", content=f"[image: {alt}]")
    if src.startswith(("http://", "https://")):
        return [
            _token("link_open", tag="a", nesting=1, attrs={"href": src}),
            text,
            _token("link_close", tag="a", nesting=-1),
        ]
    return [text]


def _token(kind: str, *, tag: str = "", nesting: Literal[-1, 0, 1] = 0, **fields: Any) -> Token:
    return Token(type=kind, tag=tag, nesting=nesting, **fields)
