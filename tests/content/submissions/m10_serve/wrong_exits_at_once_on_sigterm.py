"""Wrong: the lifespan installs its own SIGTERM handler that exits at once, so the request
in flight is dropped.

Fails: graceful_shutdown
Says: stopped at once, signal handler
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
            '        state["model"] = mlflow.sklearn.load_model(uri)\n',
            '        state["model"] = mlflow.sklearn.load_model(uri)\n'
            "        import signal\n"
            "        signal.signal(signal.SIGTERM, lambda *_: os._exit(0))\n",
        )
    ],
)
