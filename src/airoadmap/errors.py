"""Every error airoadmap reports to a user.

AiroadmapError            one clear line for the user; the CLI prints it and exits non-zero
├── ContentError          a curriculum file is malformed or inconsistent (file:line: what)
├── WorkspaceError        no workspace here, or a workspace file is missing or damaged
├── UnknownIdError        an exercise, month or data set id that does not exist
├── ProgressError         the progress database cannot be read, written or migrated
├── DatasetError          a data set is not available or fails its checksum
└── GradingError          the grader itself could not run (not the learner's code failing)
"""

from __future__ import annotations

from typing import ClassVar


class AiroadmapError(Exception):
    """An error with a message written for the user: what, where, what to do."""

    exit_code: int = 1


class ContentError(AiroadmapError):
    """A curriculum file is malformed or inconsistent."""


class WorkspaceError(AiroadmapError):
    """No workspace was found, or one of its files is damaged."""


class UnknownIdError(AiroadmapError):
    """An id (exercise, month, data set, project) that does not exist."""

    LISTINGS: ClassVar[dict[str, str]] = {
        "data set": "airoadmap data list",
        "project": "airoadmap run --list",
    }

    def __init__(self, kind: str, given: str, known: list[str] | None = None) -> None:
        hint = ""
        if known:
            import difflib

            by_lower = {k.lower(): k for k in known}  # "M03-LINREG" is close to "m03-linreg"
            close = difflib.get_close_matches(given.strip().lower(), list(by_lower), n=1)
            hint = f" Did you mean '{by_lower[close[0]]}'?" if close else ""
        listing = self.LISTINGS.get(kind, "airoadmap list")
        super().__init__(f"Unknown {kind} '{given}'.{hint} `{listing}` shows them all.")
        self.kind = kind
        self.given = given


class ProgressError(AiroadmapError):
    """The progress database cannot be read, written or migrated."""


class DatasetError(AiroadmapError):
    """A data set is missing, or its file fails its checksum."""


class GradingError(AiroadmapError):
    """The grader could not run (the tool's problem, not the learner's code)."""
