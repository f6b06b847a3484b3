"""Wrong: Pipeline fits every step on the raw rows.

Fails: check_pipeline
Says: fit(TRAIN).transform(TRAIN), expected [[-1.0, -1.0, -1.0]
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def _fit(self, rows):
    for step in self.steps:
        step.fit(rows)
Pipeline._fit = _fit
