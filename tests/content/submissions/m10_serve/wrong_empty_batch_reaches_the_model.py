"""Wrong: a batch may be empty, and an empty DataFrame makes scikit-learn raise: a 500.

Fails: schemathesis_no_server_errors
Says: server error
"""

import sys
from pathlib import Path

import airoadmap

sys.path.insert(0, str(Path(airoadmap.__file__).resolve().parents[2]))  # the repository root

from tests.content.submissions.m10_serve._base import solution_with

solution_with(
    globals(),
    [("Field(min_length=1, max_length=MAX_BATCH)", "Field(max_length=MAX_BATCH)")],
)
