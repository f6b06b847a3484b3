"""README.md of the site: the portfolio as a GitHub profile page (relative links and images,
so it works at the root of the profile repository that holds the site)."""

from __future__ import annotations

from airoadmap import __version__
from airoadmap.portfolio import layout
from airoadmap.portfolio.claims import claims, project_readme_path
from airoadmap.portfolio.collect import STATUS_TEXT, Entry
from airoadmap.portfolio.modelcard import headline
from airoadmap.portfolio.pages import SiteInfo
from airoadmap.portfolio.text import fmt, label

_SPECIAL = "\\`*_[]<>|#"


def md(text: str) -> str:
    """Plain text made inert in Markdown (and safe inside a table cell)."""
    text = " ".join(str(text).split())
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in text)


def readme(entries: list[Entry], info: SiteInfo) -> str:
    """The README: a summary, the projects with a figure each, and a table of all passed work."""
    projects = [e for e in entries if e.project is not None]
    months = sorted({e.exercise.month for e in entries})
    lines = [f"# {md(info.title)}", ""]
    if not entries:
        lines += ["Nothing has passed yet.", ""]
    else:
        lines += [
            f"**{len(entries)} exercise{_s(len(entries))}** and "
            f"**{len(projects)} project{_s(len(projects))}** passed, across "
            f"{len(months)} month{_s(len(months))} of *{md(info.roadmap_title)}*.",
            "",
            "> Every result here passed the automatic checks of airoadmap; "
            f"[manifest.json]({layout.MANIFEST}) ties each one to the sha256 of the code that "
            f"was graded. Open [the site]({layout.INDEX}) for the details, figures and model "
            "cards.",
            "",
        ]
    if projects:
        lines += ["## Projects", ""]
        for e in projects:
            assert e.project is not None
            lines += [
                f"### [{md(e.project.title)}]({layout.page(e.id)}) "
                f"([README]({project_readme_path(e.id)}))",
                "",
                f"Month {e.exercise.month}, {md(e.month.title)} · passed "
                f"{e.attempt.created_at:%Y-%m-%d} · `{e.id}`",
                "",
                md(e.project.summary),
                "",
            ]
            results = _results(e)
            if results:
                lines += [results, ""]
            fig = e.thumbnail()
            if fig is not None:
                lines += [
                    f"![{md(fig.caption)}]({e.figure_path(fig)})",
                    "",
                    f"<sub>{md(fig.caption)}, {run_source(e)}.</sub>",
                    "",
                ]
    bullets = [c for e in entries for c in claims(e)]
    if bullets:
        lines += [
            "## Resume bullets",
            "",
            "Each states a number measured on my code, with its data set and date: from my own "
            "run of a project (`airoadmap run ID --mine`, copied into the site with its "
            "metrics.json) or from the checks my code passed; `airoadmap portfolio verify` "
            "recomputes every one.",
            "",
            *[f"- {md(c.text)}" for c in bullets],
            "",
        ]
    if entries:
        lines += [
            "## All passed work",
            "",
            "| Month | Exercise | Results | Passed | Code |",
            "|---|---|---|---|---|",
        ]
        for e in entries:
            lines.append(
                f"| {e.exercise.month} | [{md(e.title)}]({layout.page(e.id)}) | "
                f"{_results(e) or '-'} | {e.attempt.created_at:%Y-%m-%d} | "
                f"{md(STATUS_TEXT[e.status])} |"
            )
        lines.append("")
    lines += [
        f"<sub>Built with airoadmap {md(__version__)} on {info.generated_at:%Y-%m-%d} "
        "from the graded attempts in the learner's progress store.</sub>",
        "",
    ]
    return "\n".join(lines)


def run_source(entry: Entry) -> str:
    """Whose code made the figures of an entry's card picture (its own run, else the extra
    project's run it comes from), in words (Markdown)."""
    run, project = entry.run, entry.id
    if run is None or run.thumbnail() is None:
        for extra in entry.extra_runs:
            if extra.run.thumbnail() is not None:
                run, project = extra.run, extra.project
                break
    if run is not None and run.code == "mine":
        return (
            f"from my own run of the project with the code that passed "
            f"(`airoadmap run {project} --mine`)"
        )
    return (
        "from a run of the month's reference project: the exercise's reference solution, "
        f"not my code (`airoadmap run {project}`)"
    )


def _results(entry: Entry) -> str:
    return " · ".join(f"{md(label(m.name))} **{fmt(m.value)}**" for m in headline(entry, 3))


def _s(n: int) -> str:
    return "" if n == 1 else "s"
