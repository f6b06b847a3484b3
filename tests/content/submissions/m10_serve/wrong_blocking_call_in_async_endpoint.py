"""Wrong: an async endpoint makes a blocking call (a 600 ms feature lookup with
time.sleep), so the event loop serves one request at a time.

Fails: load_latency
Says: p99_ms
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
            "    def predict(rows: Row | Batch) -> PredictResponse:",
            "    async def predict(rows: Row | Batch) -> PredictResponse:",
        ),
        (
            "        batch = rows if isinstance(rows, list) else [rows]\n",
            "        batch = rows if isinstance(rows, list) else [rows]\n"
            "        time.sleep(0.6)  # the feature store's answer\n",
        ),
    ],
)
