"""Wrong: Pipeline accepts anything as a step.

Fails: check_pipeline
Says: expected it to raise TypeError, isinstance(step, Transformer)
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def __init__(self, steps):
    Transformer.__init__(self)
    if not steps:
        raise ValueError("no steps")
    self.steps = list(steps)
Pipeline.__init__ = __init__
