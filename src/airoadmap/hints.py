"""Tiered hints: which group a learner needs next and which tier they are at."""

from __future__ import annotations

from dataclasses import dataclass

from airoadmap.curriculum.models import Exercise, HintGroup
from airoadmap.errors import AiroadmapError
from airoadmap.grading.outcome import GradeReport, Outcome


@dataclass(frozen=True)
class Hint:
    """One tier of one hint group, as shown to the learner."""

    exercise_id: str
    key: str
    tier: int  # 1-based
    tiers: int
    text: str

    @property
    def is_last(self) -> bool:
        return self.tier >= self.tiers


def pick_group(
    ex: Exercise, last_checks: list[dict[str, object]] | None, key: str | None
) -> HintGroup:
    """The group named `key`, else the one of the first check not passed, else the first."""
    groups = {g.key: g for g in ex.hints}
    if key is not None:
        if key not in groups:
            raise AiroadmapError(
                f"{ex.id} has no hint group '{key}': choose one of {', '.join(groups)}."
            )
        return groups[key]
    for result in last_checks or []:
        wanted = result.get("hint")
        if result.get("outcome") != Outcome.PASS and isinstance(wanted, str) and wanted in groups:
            return groups[wanted]
    return groups.get("general", ex.hints[0])


def next_hint(ex: Exercise, group: HintGroup, used: dict[str, int]) -> Hint:
    """The next tier of `group` after the ones already used (the last one repeats)."""
    tier = min(used.get(group.key, 0) + 1, len(group.tiers))
    return Hint(ex.id, group.key, tier, len(group.tiers), group.tiers[tier - 1])


def hint_line(report: GradeReport) -> str | None:
    """The "next hint" pointer shown under a report that did not pass."""
    if report.outcome in (Outcome.PASS, Outcome.NOT_ATTEMPTED):
        return (
            f"Start with the brief: `airoadmap show {report.exercise_id}`."
            if (report.outcome == Outcome.NOT_ATTEMPTED)
            else None
        )
    failing = next((c for c in report.checks if c.outcome != Outcome.PASS and c.hint), None)
    on = f" --on {failing.hint}" if failing and failing.hint else ""
    return f"Stuck? `airoadmap hint {report.exercise_id}{on}` gives the next hint."
