"""What a check run produces: outcomes per check and for the whole exercise."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class Outcome(StrEnum):
    """The result of one check, or of a whole exercise."""

    PASS = "PASS"
    FAIL = "FAIL"
    NOT_ATTEMPTED = "NOT_ATTEMPTED"
    ERROR = "ERROR"
    TIMEOUT = "TIMEOUT"


class CheckResult(BaseModel):
    """One check of an exercise: its outcome and a message that teaches."""

    name: str
    outcome: Outcome
    message: str = ""
    metrics: dict[str, float] = Field(default_factory=dict)
    hint: str | None = None  # key of the hint group that helps with this check


class GradeReport(BaseModel):
    """Everything one `check` of one exercise found."""

    exercise_id: str
    outcome: Outcome
    summary: str
    checks: list[CheckResult] = Field(default_factory=list)
    metrics: dict[str, float] = Field(default_factory=dict)
    duration_s: float = 0.0
    code_hash: str = ""
    notes: list[str] = Field(default_factory=list)  # e.g. "network isolation unavailable"
    output: str = ""  # the end of what the learner's code printed (stdout and stderr)


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
