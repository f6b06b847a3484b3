"""Wrong: FastAPI's default 422 handler, which echoes the input: with NaN in it, the error
page itself cannot be written as JSON, and the client gets a 500.

Fails: bad_input_is_refused
Says: server error, NaN
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
            "    @app.exception_handler(RequestValidationError)\n",
            "    @app.exception_handler(KeyError)  # (the handler no longer handles 422s)\n",
        )
    ],
)
