"""Wrong: Pipeline accepts no steps.

Fails: check_pipeline
Says: Pipeline([]), A pipeline needs a step
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def __init__(self, steps):
    Transformer.__init__(self)
    self.steps = list(steps)
    for i, step in enumerate(self.steps):
        if not isinstance(step, Transformer):
            raise TypeError(f"step {i} is not a Transformer")
Pipeline.__init__ = __init__
