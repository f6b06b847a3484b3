"""Correct: the solution with one part written another way.

The z-score rule computes z, then compares |z| with k.
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            (
                "        mean, std = values.mean(), values.std()\n"
                "        low, high = mean - k * std, mean + k * std"
            ),
            (
                "        z = (values - values.mean()) / values.std()\n"
                "        return (z.abs() > k).fillna(False).astype(bool)"
            ),
        ),
    ],
)
