"""The HTML pages of the portfolio: the index and one page per passed exercise.

Plain strings built with html.escape (no template engine to install): every value that
comes from content, the store or the learner's files is escaped here, and the only markup
that is not is the output of markdown.py, which escapes raw HTML itself. Links are relative
and every resource is a local file, so the site opens from the file system.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from airoadmap import __version__
from airoadmap.curriculum.models import Curriculum
from airoadmap.portfolio import layout
from airoadmap.portfolio.collect import STATUS_TEXT, Entry, ExtraRun
from airoadmap.portfolio.markdown import highlight, render_markdown
from airoadmap.portfolio.modelcard import MetricLine, ModelCard, headline, model_card
from airoadmap.portfolio.text import day as _date
from airoadmap.portfolio.text import day_time as _datetime
from airoadmap.portfolio.text import fmt as _fmt
from airoadmap.portfolio.text import label as _label

# No network, ever: a page may only load its own files (and inline styles).
CSP = (
    "default-src 'none'; img-src 'self' file: data:; style-src 'self' file: 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)
LANGUAGES = {
    ".py": "python", ".toml": "toml", ".json": "json", ".md": "markdown", ".yaml": "yaml",
    ".yml": "yaml", ".sql": "sql", ".sh": "bash", ".txt": "text",
}  # fmt: skip
MAX_CODE_CHARS = 200_000  # a bigger graded file is linked, not shown inline


@dataclass(frozen=True)
class SiteInfo:
    """What every page shows about the site itself."""

    owner: str | None
    generated_at: datetime
    include_code: bool
    roadmap_title: str
    tracks: dict[int, str] = field(default_factory=dict)  # month -> the learner's track

    @property
    def title(self) -> str:
        return (
            f"{self.owner} · AI engineering portfolio" if self.owner else "AI engineering portfolio"
        )


# -- the index ----------------------------------------------------------------------------


def index_page(entries: list[Entry], cur: Curriculum, info: SiteInfo) -> str:
    """The home page: who, how far along the roadmap, and a card per passed exercise."""
    here = layout.INDEX
    months_done = sorted({e.exercise.month for e in entries})
    projects = [e for e in entries if e.project is not None]
    latest = max((e.attempt.created_at for e in entries), default=None)
    stats = [
        (str(len(entries)), "exercise passed" if len(entries) == 1 else "exercises passed"),
        (str(len(projects)), "project" if len(projects) == 1 else "projects"),
        (f"{len(months_done)}/{len(cur.months)}", "months with passed work"),
    ]
    if latest is not None:
        stats.append((_date(latest), "latest pass"))
    stat_html = "".join(
        f'<div class="stat"><span class="stat-value">{escape(v)}</span>'
        f'<span class="stat-label">{escape(label)}</span></div>'
        for v, label in stats
    )
    hero = (
        '<section class="hero">'
        f'<p class="eyebrow">{escape(info.roadmap_title)}</p>'
        f"<h1>{escape(info.owner or 'AI engineering portfolio')}</h1>"
        '<p class="lead">Projects and exercises that passed the automatic checks of airoadmap, '
        "with the metrics measured on held-out data, figures, model cards and a manifest of "
        "hashes that ties each result to the code that produced it.</p>"
        f'<div class="stats">{stat_html}</div>'
        f"{_timeline(entries, cur, info.tracks)}"
        "</section>"
    )
    if not entries:
        body = (
            '<section class="empty"><h2>Nothing has passed yet</h2><p>Pass an exercise '
            "(<code>airoadmap check ID</code>), then run <code>airoadmap portfolio build</code> "
            "again: only work that passed appears here.</p></section>"
        )
    else:
        body = "".join(_month_section(cur, number, entries) for number in months_done)
    return _page(info.title, here, hero + body, info)


def _timeline(entries: list[Entry], cur: Curriculum, tracks: dict[int, str]) -> str:
    """The 12 months, each coloured by how much of it passed (a month with tracks counts the
    learner's track)."""
    done = {e.exercise.id for e in entries}
    cells = []
    for month in cur.months:
        counted = month.counted(tracks.get(month.number))
        n = sum(1 for e in counted if e in done)
        total = len(counted)
        cls = "done" if total and n == total else ("some" if n else "none")
        label = f"Month {month.number}: {month.title}, {n} of {total} exercises passed"
        inner = f'<span class="tl-num">{month.number}</span>'
        if any(e.exercise.month == month.number for e in entries):  # it has a section
            cells.append(
                f'<a class="tl {cls}" href="#month-{month.number}" title="{escape(label)}">'
                f"{inner}</a>"
            )
        else:
            cells.append(f'<span class="tl {cls}" title="{escape(label)}">{inner}</span>')
    return f'<nav class="timeline" aria-label="The 12 months">{"".join(cells)}</nav>'


def _month_section(cur: Curriculum, number: int, entries: list[Entry]) -> str:
    month = cur.month(number)
    cards = "".join(_card(e) for e in entries if e.exercise.month == number)
    return (
        f'<section class="month" id="month-{number}">'
        f'<h2><span class="month-num">Month {number}</span> {escape(month.title)}</h2>'
        f'<p class="month-goal">{escape(month.goal)}</p>'
        f'<div class="cards">{cards}</div></section>'
    )


def _card(entry: Entry) -> str:
    href = layout.page(entry.id)
    thumb = ""
    fig = entry.thumbnail()
    if fig is not None:
        thumb = (
            f'<img class="thumb" src="{escape(entry.figure_path(fig))}" '
            f'alt="{escape(fig.caption)}">'
        )
    badges = [_badge("PASS", "pass")]
    if entry.project is not None:
        badges.append(_badge("Project", "project"))
    if entry.status in ("modified", "starter"):
        badges.append(_badge(STATUS_TEXT[entry.status].split(":")[0], "warn"))
    chips = "".join(_chip(m) for m in headline(entry, limit=3))
    title, summary = entry.title, entry.exercise.summary
    if entry.project is not None:  # a month's project reads better in its own words
        title, summary = entry.project.title, entry.project.summary
    return (
        f'<a class="card" href="{escape(href)}">{thumb}<div class="card-body">'
        f'<div class="badges">{"".join(badges)}</div>'
        f"<h3>{escape(title)}</h3>"
        f'<p class="card-id"><code>{escape(entry.id)}</code> · passed '
        f"{_date(entry.attempt.created_at)}</p>"
        f"<p>{escape(_shorten(summary, 180))}</p>"
        f'<div class="chips">{chips}</div></div></a>'
    )


# -- an exercise --------------------------------------------------------------------------


def exercise_page(entry: Entry, info: SiteInfo) -> str:
    """One passed exercise: results against the bars, figures, model card, brief, code, proof."""
    here = layout.page(entry.id)
    up = layout.up(here)
    ex = entry.exercise
    badges = [_badge("PASS", "pass")]
    if entry.project is not None:
        badges.append(_badge("Project", "project"))
    badges.append(_badge(STATUS_TEXT[entry.status], "ok" if entry.status == "verified" else "warn"))
    if entry.run is not None and entry.run.code == "mine":
        badges.append(_badge("figures from my own run", "ok"))
    lead = [f'<p class="lead">{escape(ex.summary)}</p>']
    if entry.project is not None and entry.project.title != ex.title:
        lead.append(
            f'<p class="project-line"><strong>Month {ex.month} project:</strong> '
            f"{escape(entry.project.title)}. {escape(entry.project.summary)}</p>"
        )
    checks = entry.checks
    facts = [
        ("Passed", _date(entry.attempt.created_at)),
        ("Checks", f"{sum(c.outcome == 'PASS' for c in checks)} of {len(checks)} passed"),
        ("Attempts", str(entry.attempts)),
        ("Hints taken", str(sum(entry.hints_used.values()))),
        ("Month", f"{ex.month} · {entry.month.title}"),
    ]
    facts_html = "".join(f"<div><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>" for k, v in facts)
    parts = [
        f'<nav class="crumbs"><a href="{up}{layout.INDEX}">← All work</a> · '
        f'<a href="{up}{layout.INDEX}#month-{ex.month}">Month {ex.month}</a></nav>',
        f'<header class="page-head"><div class="badges">{"".join(badges)}</div>'
        f"<h1>{escape(ex.title)}</h1>{''.join(lead)}"
        f'<dl class="facts">{facts_html}</dl></header>',
    ]
    if entry.status == "modified":
        parts.append(
            '<div class="notice warn"><strong>Modified since it passed.</strong> The graded '
            "files changed after the passing attempt: the code shown below is not the code "
            "that was graded (recorded hash "
            f"<code>{escape(_short(entry.attempt.code_hash))}</code>, "
            f"now <code>{escape(_short(entry.code_hash_now))}</code>). The results are those "
            "of the graded code.</div>"
        )
    parts.append(_results(entry))
    if entry.run is not None and entry.run.figures:
        parts.append(_figures(entry))
    parts += [_extra_figures(entry, extra) for extra in entry.extra_runs if extra.run.figures]
    card = model_card(entry)
    if card is not None:
        parts.append(_model_card(card))
    parts.append(
        '<section><h2>The assignment</h2><details class="brief"><summary>Read the brief '
        f'(<code>{escape(entry.id)}</code>)</summary><div class="prose">'
        f"{render_markdown(entry.brief, heading_offset=2)}</div></details></section>"
    )
    if info.include_code:
        parts.append(_code(entry))
    parts.append(_verification(entry, up))
    return _page(f"{ex.title} · {info.title}", here, "".join(parts), info)


def _results(entry: Entry) -> str:
    tiles = "".join(
        f'<div class="tile"><span class="tile-value">{_fmt(m.value)}</span>'
        f'<span class="tile-label" title="{escape(m.name)}">{escape(_label(m.name))}</span></div>'
        for m in headline(entry)
    )
    rows = []
    for c in entry.checks:
        ok = c.outcome == "PASS"
        mark = (
            '<span class="mark ok">✓</span>'
            if ok
            else f'<span class="mark">{escape(c.outcome)}</span>'
        )
        measured = ", ".join(
            f'<span class="measure"><code>{escape(k)}</code> = {_fmt(v)}</span>'
            for k, v in c.metrics.items()
        )
        rows.append(f"<tr><td>{mark}</td><td>{escape(c.name)}</td><td>{measured}</td></tr>")
    table = (
        '<table class="checks"><thead><tr><th></th><th>Check (the bar it sets)</th>'
        f"<th>Measured</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if rows
        else ""
    )
    tiles_html = f'<div class="tiles">{tiles}</div>' if tiles else ""
    return (
        '<section><h2>Results</h2><p class="muted">Measured by the exercise\'s checks on the '
        f"passing attempt of {_datetime(entry.attempt.created_at)}; "
        "each check's name states its bar.</p>"
        f"{tiles_html}{table}</section>"
    )


def _figures(entry: Entry) -> str:
    assert entry.run is not None
    figs = "".join(
        f'<figure><img src="{escape("figures/" + fig.name)}" '
        f'alt="{escape(fig.caption)}"><figcaption>{escape(fig.caption)}'
        "</figcaption></figure>"
        for fig in entry.run.figures
    )
    when = escape(_run_time(entry.run.label))
    if entry.run.code == "mine":
        source = (
            '<p class="muted"><strong>From a run of my own code</strong>: the files that '
            f"passed, run on real data (<code>airoadmap run {escape(entry.id)} --mine</code>, "
            f"{when}, code hash <code>{escape(_short(entry.run.code_hash or ''))}</code>).</p>"
        )
    else:
        source = (
            '<p class="muted">From the latest run of the month\'s <strong>reference '
            "project</strong> (the exercise's reference solution, not the learner's code) on "
            f"real data in this workspace (<code>airoadmap run {escape(entry.id)}</code>, "
            f"{when}). <code>airoadmap run {escape(entry.id)} --mine</code> runs the learner's "
            "own passed code instead.</p>"
        )
    return f'<section><h2>Figures</h2>{source}<div class="gallery">{figs}</div></section>'


def _extra_figures(entry: Entry, extra: ExtraRun) -> str:
    """The figures of the run shown of one extra project of the exercise, and whose code
    made them."""
    pid = escape(extra.project)
    figs = "".join(
        f'<figure><img src="{escape(f"figures/{extra.project}/{fig.name}")}" '
        f'alt="{escape(fig.caption)}"><figcaption>{escape(fig.caption)}'
        "</figcaption></figure>"
        for fig in extra.run.figures
    )
    when = escape(_run_time(extra.run.label))
    if extra.run.code == "mine":
        source = (
            f'<p class="muted"><strong>From a run of my own code</strong>: the files of '
            f"<code>{escape(entry.id)}</code> that passed, in the project "
            f"<code>{pid}</code> (<code>airoadmap run {pid} --mine</code>, {when}, code hash "
            f"<code>{escape(_short(extra.run.code_hash or ''))}</code>).</p>"
        )
    else:
        source = (
            f'<p class="muted">From the latest run of the <strong>reference project</strong> '
            f"<code>{pid}</code> (the exercise's reference solution, not the learner's code) "
            f"in this workspace (<code>airoadmap run {pid}</code>, {when}). "
            f"<code>airoadmap run {pid} --mine</code> runs the learner's own passed code "
            "instead.</p>"
        )
    return (
        f'<section class="extra-run" id="run-{pid}"><h2>Figures: {escape(extra.title)}</h2>'
        f'{source}<div class="gallery">{figs}</div></section>'
    )


def _model_card(card: ModelCard) -> str:
    def items(lines: Iterable[str]) -> str:
        return "".join(f"<li>{escape(line)}</li>" for line in lines)

    metrics = "".join(
        f"<li><code>{escape(m.name)}</code> = <strong>{_fmt(m.value)}</strong>"
        + (f' <span class="muted">({escape(m.check)})</span>' if m.check else "")
        + (f' <span class="muted">bar: {escape(m.bar)}</span>' if m.bar else "")
        + "</li>"
        for m in card.metrics
    )
    return (
        '<section class="model-card"><h2>Model card</h2>'
        f'<p class="model-what">{escape(card.model)}</p><div class="mc-grid">'
        f"<div><h3>Intended use</h3><ul>{items(card.intended_use)}</ul></div>"
        f"<div><h3>Data</h3><ul>{items(card.data)}</ul></div>"
        f"<div><h3>Metrics</h3><ul>{metrics}</ul></div>"
        f"<div><h3>Limitations</h3><ul>{items(card.limitations)}</ul></div>"
        f"<div><h3>Ethical considerations</h3><ul>{items(card.ethics)}</ul></div>"
        "</div></section>"
    )


def _code(entry: Entry) -> str:
    blocks = []
    for f in entry.files:
        where = layout.code(entry.id, f.name)
        if f.starter:
            blocks.append(
                f"<p><code>{escape(f.name)}</code>: the untouched starter here, not the work "
                "that passed: not shown.</p>"
            )
            continue
        if f.sha256 is None or where is None:
            blocks.append(f"<p><code>{escape(f.name)}</code>: missing now.</p>")
            continue
        link = where.split("/", 1)[1]  # relative to this page's folder
        try:
            text = f.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
        if text is None or len(text) > MAX_CODE_CHARS:
            shown = '<p class="muted">Not shown inline: open the file.</p>'
        else:
            shown = highlight(text, LANGUAGES.get(_suffix(f.name), "text"))
        blocks.append(
            f'<details class="code"><summary><code>{escape(f.name)}</code> '
            f'<span class="muted">{f.size:,} bytes</span></summary>'
            f'<p><a href="{escape(link)}">Open the file</a></p>{shown}</details>'
        )
    return f"<section><h2>Code</h2>{''.join(blocks)}</section>"


def _verification(entry: Entry, up: str) -> str:
    files = "".join(
        f"<tr><td><code>{escape(f.name)}</code></td>"
        f'<td><code class="hash">{escape(f.sha256 or "missing")}</code></td></tr>'
        for f in entry.files
    )
    early = (
        "The reference solution was shown before this exercise passed."
        if entry.revealed_before_pass
        else "The reference solution was not shown before this exercise passed."
    )
    return (
        '<section class="verify"><h2>Verification</h2><p>Attempt '
        f"#{entry.attempt.id}, {_datetime(entry.attempt.created_at)}: outcome "
        f"<strong>{escape(entry.attempt.outcome.value)}</strong>. {escape(early)}</p>"
        '<dl class="hashes">'
        "<dt>Code hash recorded by the grader</dt>"
        f'<dd><code class="hash">{escape(entry.attempt.code_hash or "none")}</code></dd>'
        "<dt>Code hash of the files now</dt>"
        f'<dd><code class="hash">{escape(entry.code_hash_now)}</code> '
        f"({escape(STATUS_TEXT[entry.status])})</dd></dl>"
        f'<table class="files"><thead><tr><th>Graded file</th><th>sha256 now</th></tr></thead>'
        f"<tbody>{files}</tbody></table>"
        f'<p class="muted">The code hash is sha256 over the graded files in name order, each '
        f"as name, NUL, size, NUL, bytes. All hashes are in "
        f'<a href="{up}{layout.MANIFEST}">manifest.json</a>; '
        "<code>airoadmap portfolio verify</code> recomputes them.</p></section>"
    )


# -- shared pieces ------------------------------------------------------------------------


def _page(title: str, here: str, main: str, info: SiteInfo) -> str:
    up = layout.up(here)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f'<meta name="generator" content="airoadmap {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{up}{layout.STYLE}">\n</head>\n<body>\n'
        f'<header class="top"><div class="wrap"><a class="brand" href="{up}{layout.INDEX}">'
        f"{escape(info.title)}</a>"
        f'<a class="top-link" href="{up}{layout.MANIFEST}">manifest.json</a></div></header>\n'
        f'<main class="wrap">\n{main}\n</main>\n'
        f'<footer class="wrap">Built with airoadmap {escape(__version__)} on '
        f"{_date(info.generated_at)} from the graded attempts in the learner's progress store. "
        "Only work whose best outcome is PASS is shown.</footer>\n"
        "</body>\n</html>\n"
    )


def _badge(text: str, kind: str) -> str:
    return f'<span class="badge {kind}">{escape(text)}</span>'


def _chip(metric: MetricLine) -> str:
    return (
        f'<span class="chip" title="{escape(metric.name)}">{escape(_label(metric.name))} '
        f"<strong>{_fmt(metric.value)}</strong></span>"
    )


def _run_time(label: str) -> str:
    try:
        stamp = datetime.strptime(label[:15], "%Y%m%d-%H%M%S")
    except ValueError:
        return label
    return f"{_date(stamp)}, {stamp:%H:%M} UTC"


def _short(digest: str) -> str:
    return digest[:12] + "…" if len(digest) > 12 else digest


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


__all__ = ["SiteInfo", "exercise_page", "index_page"]
