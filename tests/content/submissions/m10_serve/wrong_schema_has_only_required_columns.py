"""Wrong: the request model has only the signature's required columns, so age, fare and
embarked (which may be missing) are not in the API at all.

Fails: app_builds
Says: does not mention, signature
"""

import sys
from pathlib import Path

import airoadmap

sys.path.insert(0, str(Path(airoadmap.__file__).resolve().parents[2]))  # the repository root

from tests.content.submissions.m10_serve._base import solution_with

solution_with(
    globals(),
    [
        (
            "        fields[column.name] = (kind, ...) if column.required else (kind | None, None)",
            "        if column.required:\n            fields[column.name] = (kind, ...)",
        ),
        ('config = ConfigDict(extra="forbid")', 'config = ConfigDict(extra="ignore")'),
    ],
)
