"""Wrong: save_plots draws the history with its axes swapped (trial numbers up the y axis).

Fails: plots_written
Says: on its y axis
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        (
            'ax.scatter(numbers, values, s=14, label="trial (validation accuracy)")',
            'ax.scatter(values, numbers, s=14, label="trial (validation accuracy)")',
        ),
        (
            'ax.plot(numbers, np.maximum.accumulate(values), color="C1", label="best so far")',
            'ax.plot(np.maximum.accumulate(values), numbers, color="C1", label="best so far")',
        ),
    ],
)
