"""Tiered hints: which group a learner needs next and which tier they are at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from airoadmap.errors import AiroadmapError
from airoadmap.results import GradeReport, Outcome

if TYPE_CHECKING:  # `check` imports this module and must not import pydantic
    from airoadmap.curriculum.models import Exercise, HintGroup


@dataclass(frozen=True)
class Hint:
    """One tier of one hint group, as shown to the learner."""

    exercise_id: str
    key: str
    tier: int  # 1-based
    tiers: int
    text: str
    repeated: bool = False  # every tier of the group was shown before: this is the last again

    @property
    def is_last(self) -> bool:
        return self.tier >= self.tiers


def pick_group(
    ex: Exercise,
    last_checks: list[dict[str, object]] | None,
    key: str | None,
    used: dict[str, int] | None = None,
) -> HintGroup:
    """The group named `key`, else the one of the first check not passed, else (nothing
    fails: passed, or not checked yet) a group already begun, the first unfinished one, so
    the tiers continue where they stopped; else "general" or the first group."""
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
    begun = [g for g in ex.hints if (used or {}).get(g.key, 0) > 0]
    unfinished = [g for g in begun if (used or {})[g.key] < len(g.tiers)]
    if unfinished or begun:
        return (unfinished or begun)[0]
    return groups.get("general", ex.hints[0])


def next_hint(ex: Exercise, group: HintGroup, used: dict[str, int]) -> Hint:
    """The next tier of `group` after the ones already used (the last one repeats)."""
    seen = used.get(group.key, 0)
    tier = min(seen + 1, len(group.tiers))
    text = group.tiers[tier - 1]
    return Hint(ex.id, group.key, tier, len(group.tiers), text, repeated=seen >= len(group.tiers))


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
