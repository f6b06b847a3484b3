"""Wrong: requests are counted in the predict endpoint, so the refused ones (422, which
never reach it) are never counted.

Fails: metrics_count_traffic
Says: status, count every request
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
            "        requests.labels(request.method, path, str(response.status_code)).inc()\n",
            "",
        ),
        (
            "        for label in labels:\n",
            '        requests.labels("POST", "/predict", "200").inc()\n'
            "        for label in labels:\n",
        ),
    ],
)
