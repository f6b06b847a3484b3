"""What a check run produces: outcomes per check and for the whole exercise.

A neutral module: the grader writes these, progress stores them, the cli and the dashboard
show them; none of those needs the grader to read them. Plain dataclasses (no pydantic), so
that `airoadmap check` starts fast; `model_dump` gives the same dicts pydantic would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    """The result of one check, or of a whole exercise."""

    PASS = "PASS"
    FAIL = "FAIL"
    NOT_ATTEMPTED = "NOT_ATTEMPTED"
    ERROR = "ERROR"
    TIMEOUT = "TIMEOUT"


class _Dumpable:
    """`model_dump()` as pydantic writes it: fields in order, nested results as dicts,
    outcomes as strings with mode="json"."""

    def model_dump(self, *, mode: str = "python") -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, _Dumpable):
                return value.model_dump(mode=mode)
            if isinstance(value, list):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            if isinstance(value, Outcome) and mode == "json":
                return value.value
            return value

        return {f.name: plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass
class CheckResult(_Dumpable):
    """One check of an exercise: its outcome and a message that teaches."""

    name: str
    outcome: Outcome
    message: str = ""
    metrics: dict[str, float] = field(default_factory=dict)
    hint: str | None = None  # key of the hint group that helps with this check
    output: str = ""  # the end of what the learner's code printed during this check

    def __post_init__(self) -> None:
        self.outcome = Outcome(self.outcome)
        self.metrics = {str(k): float(v) for k, v in self.metrics.items()}


@dataclass
class GradeReport(_Dumpable):
    """Everything one `check` of one exercise found."""

    exercise_id: str
    outcome: Outcome
    summary: str
    checks: list[CheckResult] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)
    duration_s: float = 0.0
    code_hash: str = ""
    notes: list[str] = field(default_factory=list)  # e.g. "network isolation unavailable"
    output: str = ""  # the end of what the learner's code printed (stdout and stderr)

    def __post_init__(self) -> None:
        self.outcome = Outcome(self.outcome)
        self.checks = [c if isinstance(c, CheckResult) else CheckResult(**c) for c in self.checks]
        self.metrics = {str(k): float(v) for k, v in self.metrics.items()}
        self.duration_s = float(self.duration_s)


def roll_up(results: list[CheckResult]) -> Outcome:
    """The exercise's outcome from its checks' outcomes.

    All NOT_ATTEMPTED -> NOT_ATTEMPTED; all PASS -> PASS; any TIMEOUT -> TIMEOUT;
    any ERROR -> ERROR; otherwise (failures, or work only partly attempted) -> FAIL.
    """
    outcomes = {r.outcome for r in results}
    if not outcomes or outcomes == {Outcome.NOT_ATTEMPTED}:
        return Outcome.NOT_ATTEMPTED
    if outcomes == {Outcome.PASS}:
        return Outcome.PASS
    for worst in (Outcome.TIMEOUT, Outcome.ERROR):
        if worst in outcomes:
            return worst
    return Outcome.FAIL


def in_progress(checks: Sequence[CheckResult]) -> bool:
    """Some checks pass and every other one is not started yet: a multi-part exercise on its
    way (its report says how many parts are done and which is next, not FAIL)."""
    outcomes = {c.outcome for c in checks}
    return outcomes == {Outcome.PASS, Outcome.NOT_ATTEMPTED}
