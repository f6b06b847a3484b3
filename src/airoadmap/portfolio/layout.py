"""Where each file of the site lives, relative to the site's root (POSIX paths: links).

out/
  index.html, style.css, manifest.json, README.md, .airoadmap-portfolio
  <exercise id>/index.html
  <exercise id>/README.md               the exercise as a GitHub-ready project README
  <exercise id>/figures/<name>.png      from the run shown: the learner's own run (`run
                                        --mine`) when there is one, else the reference run
  <exercise id>/figures/<project>/<name>.png   from the run shown of each extra project
                                        of the exercise (runs/<project>/), chosen the same way
  <exercise id>/run/metrics.json, run.json   the learner's own run's, checked by `verify`
  <exercise id>/code/<file>             the graded files as they are now (unless --no-code)
"""

from __future__ import annotations

from pathlib import PurePosixPath

from airoadmap.portfolio.collect import safe_relpath

INDEX = "index.html"
STYLE = "style.css"
MANIFEST = "manifest.json"
README = "README.md"
MARKER = ".airoadmap-portfolio"  # marks a folder as a site this command may replace


def page(exercise_id: str) -> str:
    return f"{exercise_id}/index.html"


def figure(exercise_id: str, name: str) -> str:
    return f"{exercise_id}/figures/{name}"


def extra_figure(exercise_id: str, project_id: str, name: str) -> str:
    """A figure of the run of an extra project of the exercise (m07-cifar10 of m07-cnn)."""
    return f"{exercise_id}/figures/{project_id}/{name}"


def code(exercise_id: str, name: str) -> str | None:
    """Where a graded file is copied, or None for a name that cannot be placed safely."""
    rel = safe_relpath(name)
    return None if rel is None else str(PurePosixPath(exercise_id, "code", rel))


def up(from_page: str) -> str:
    """The relative prefix from a page back to the site's root ("" or "../")."""
    return "../" * (from_page.count("/"))
