"""Wrong: predict returns one class when it is given no text.

Fails: predicts
Says: no text, no class
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[("return np.zeros(0, dtype=np.int64)", "return np.zeros(1, dtype=np.int64)")],
)
