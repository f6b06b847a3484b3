"""Wrong: save_plots saves an empty figure as the history.

Fails: plots_written
Says: nearly one colour
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        (
            'fig.savefig(paths["history"], dpi=80)',
            'Figure(figsize=(6, 4)).savefig(paths["history"], dpi=80)',
            1,
        ),
    ],
)
