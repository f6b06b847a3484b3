"""Wrong: the version is in the JSON answers but not in a header on every response.

Fails: health_and_ready
Says: X-Model-Version, every response
"""

import sys
from pathlib import Path

import airoadmap

sys.path.insert(0, str(Path(airoadmap.__file__).resolve().parents[2]))  # the repository root

from tests.content.submissions.m10_serve._base import solution_with

solution_with(globals(), [('        response.headers["X-Model-Version"] = version\n', "")])
