"""Wrong: missing values are filled with 0 before the model sees them (an age of 0 is a
baby), instead of being left to the pipeline's imputer.

Fails: predictions_match
Says: probability, missing value stays missing
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
            "        frame = pd.DataFrame([row.model_dump() for row in batch], columns=columns)",
            "        frame = pd.DataFrame([row.model_dump() for row in batch], columns=columns)\n"
            "        frame = frame.fillna({c: 0 for c in ('age', 'fare')})",
        )
    ],
)
