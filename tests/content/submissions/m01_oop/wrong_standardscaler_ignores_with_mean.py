"""Wrong: StandardScaler ignores with_mean.

Fails: check_standard_scaler
Says: StandardScaler(with_mean=False)
"""

# ruff: noqa: B905, F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def _transform(self, rows):
    return [[(x - m) / s for x, m, s in zip(r, self.mean_, self.scale_)] for r in rows]
StandardScaler._transform = _transform
