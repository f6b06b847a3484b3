"""Wrong: Pipeline refits its steps in transform (a leak).

Fails: check_pipeline
Says: transform must only apply what fit learned
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def _transform(self, rows):
    for step in self.steps:
        rows = step.fit_transform(rows)
    return rows
Pipeline._transform = _transform
