"""airoadmap: the AI Engineering Roadmap as software you work through."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "check"]


def __getattr__(name: str) -> object:
    # Lazy: `import airoadmap` stays cheap; `from airoadmap import check` loads the grader.
    if name == "check":
        from airoadmap.cli.notebook import check

        return check
    raise AttributeError(f"module 'airoadmap' has no attribute {name!r}")
