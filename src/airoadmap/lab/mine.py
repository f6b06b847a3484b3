"""`airoadmap run PROJECT --mine`: the learner's own passed code of the project's exercise.

`airoadmap.learner_runs.learner_code_for` finds it (the latest check of that exercise PASSED
and the files still hash to the code hash graded then; else one line saying what to do);
`lab.projects.run(..., mine=...)` runs it instead of the reference solution and records it
in run.json. This module only describes it: the lab never imports the grader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class LearnerCode:
    """The learner's files of an exercise that passed, as they were graded."""

    exercise_id: str
    folder: Path
    files: dict[str, str]  # graded file name -> sha256
    code_hash: str  # airoadmap.grading.workcopy.code_hash of the files: the graded hash
    attempt_id: int
    passed_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise_id,
            "code_hash": self.code_hash,
            "attempt_id": self.attempt_id,
            "passed_at": self.passed_at.isoformat().replace("+00:00", "Z"),
            "files": [{"name": n, "sha256": h} for n, h in sorted(self.files.items())],
        }
