"""Wrong: save_plots swaps barh's arguments (importances as bar positions, names as lengths).

Fails: plots_written
Says: get_param_importances
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        (
            "ax.barh(names, [importances[name] for name in names])",
            "ax.barh([importances[name] for name in names], names)",
        ),
    ],
)
