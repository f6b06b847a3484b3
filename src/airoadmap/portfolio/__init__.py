"""The learner's portfolio: a static site and a README from the exercises that passed.

collect.py   what passed, and its evidence (attempt, files now, figures of the latest run)
modelcard.py a generic model card for exercises that train a model (notes: exercise.toml)
manifest.py  manifest.json: outcomes and hashes a reader can check; verify_site checks them
pages.py     the HTML pages; markdown.py renders briefs and code; readme.py the README.md
site.py      builds the site in a temporary folder and swaps it into place
"""

from __future__ import annotations

from airoadmap.portfolio.manifest import Verdict, verify_site
from airoadmap.portfolio.site import BuildResult, build_portfolio

__all__ = ["BuildResult", "Verdict", "build_portfolio", "verify_site"]
