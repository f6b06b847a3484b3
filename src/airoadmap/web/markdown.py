"""Markdown and code to safe HTML: briefs, run reports, solutions.

markdown-it-py (a dependency of rich) renders CommonMark with tables; raw HTML in the source
is escaped, never passed through, and links with a script scheme are dropped (markdown-it's
validateLink). Code is highlighted by Pygments (also a dependency of rich) on the server.
Maths between `$...$` (inline) or `$$...$$` (display) becomes MathML, which browsers draw
natively, when latex2mathml is installed; otherwise it stays LaTeX source, set apart.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup, escape
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.util import ClassNotFound

_FORMATTER = HtmlFormatter(nowrap=True)


def _highlight(code: str, lang: str, _attrs: str) -> str:
    """Highlighted HTML for a fenced block (markdown-it wraps it in <pre><code>)."""
    if not lang:
        return ""  # markdown-it escapes the code itself
    try:
        lexer = get_lexer_by_name(lang)
    except ClassNotFound:
        return ""
    return str(highlight(code, lexer, _FORMATTER))


def _closing_dollar(src: str, start: int) -> int:
    """The index of the `$` closing inline maths opened before `start`, or -1.

    As in pandoc: the maths does not start or end with a space, and a closing `$` followed
    by a digit is no closing (so "$5 and $10" stays text)."""
    if start >= len(src) or src[start].isspace() or src[start] == "$":
        return -1
    end = start
    while True:
        end = src.find("$", end)
        if end < 0:
            return -1
        if src[end - 1] == "\\":
            end += 1
            continue
        if src[end - 1].isspace() or (end + 1 < len(src) and src[end + 1].isdigit()):
            return -1
        return end


def _math_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule: `$...$` and `$$...$$` (which may span the lines of a paragraph)."""
    src, pos = state.src, state.pos
    if src[pos] != "$":
        return False
    if src.startswith("$$", pos):
        end = src.find("$$", pos + 2)
        content, after, markup = src[pos + 2 : end], end + 2, "$$"
    else:
        end = _closing_dollar(src, pos + 1)
        content, after, markup = src[pos + 1 : end], end + 1, "$"
    if end < 0 or not content.strip() or "`" in content:  # a $ inside a code span is no maths
        return False
    if not silent:
        token = state.push("math", "math", 0)
        token.content = content.strip()
        token.markup = markup
    state.pos = after
    return True


def math_html(latex: str, display: bool) -> str:
    """MathML for a LaTeX formula; the escaped source where it cannot be converted."""
    try:
        from latex2mathml.converter import convert

        return str(convert(latex, display="block" if display else "inline"))
    except Exception:  # not installed, or LaTeX it does not know: show the source
        css = "math-src block" if display else "math-src"
        return f'<code class="{css}">{escape(latex)}</code>'


def _render_math(
    _self: RendererHTML, tokens: list[Token], idx: int, _options: OptionsDict, _env: EnvType
) -> str:
    token = tokens[idx]
    return math_html(token.content, token.markup == "$$")


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "highlight": _highlight, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.inline.ruler.after("escape", "math", _math_rule)
    md.add_render_rule("math", _render_math)
    return md


def _relative(url: str) -> bool:
    """A URL relative to the document (not absolute, not rooted, not a fragment)."""
    if not url or url.startswith(("/", "#", "?")):
        return False
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def _rebase(tokens: list[Token], base: str, images: list[str] | None = None) -> None:
    """Resolve relative links and image sources against `base`; add each image's final
    source to `images` (when given)."""
    for token in tokens:
        if token.children:
            _rebase(token.children, base, images)
        attr = "src" if token.type == "image" else "href" if token.type == "link_open" else None
        if attr is None:
            continue
        url = str(token.attrGet(attr) or "")
        if base and _relative(url):
            url = base + url
            token.attrSet(attr, url)
        if images is not None and token.type == "image":
            images.append(url)


def render_markdown(
    text: str, *, base_url: str | None = None, images: list[str] | None = None
) -> Markup:
    """HTML for markdown `text`; relative links and images resolve against `base_url`.

    images: a list that receives the source of every image the HTML shows (as rendered:
    resolved against base_url, still percent-encoded)."""
    md = _parser()
    tokens = md.parse(text)
    if base_url or images is not None:
        _rebase(tokens, base_url or "", images)
    return Markup(md.renderer.render(tokens, md.options, {}))


def render_inline(text: str) -> Markup:
    """One line of markdown (a hint, a summary) without the paragraph around it."""
    return Markup(_parser().renderInline(text))


def render_hint(text: str) -> Markup:
    """A hint tier: one line inline; several lines (a fenced code block, say) as blocks, so
    code keeps its lines and indentation in <pre><code>, and other line breaks stay."""
    if "\n" not in text.strip():
        return render_inline(text)
    if "```" in text or "~~~" in text:
        return render_markdown(text)
    return Markup("<pre><code>{}</code></pre>").format(text.strip("\n"))


def render_code(code: str, filename: str) -> Markup:
    """A source file as highlighted HTML inside <pre><code>."""
    try:
        lexer = get_lexer_for_filename(filename, code)
    except ClassNotFound:
        return Markup("<pre><code>{}</code></pre>").format(escape(code))
    return Markup(f"<pre><code>{highlight(code, lexer, _FORMATTER)}</code></pre>")


@cache
def code_css() -> str:
    """Pygments' colours for highlighted code, light and dark."""
    light = HtmlFormatter(style="default").get_style_defs("pre code")
    dark = HtmlFormatter(style="monokai").get_style_defs("pre code")
    return f"{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
