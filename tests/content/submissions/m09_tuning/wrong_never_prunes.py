"""Wrong: objective reports every epoch but never asks the pruner.

Fails: pruner_stops_trials
Says: was pruned
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        (
            "        if trial.should_prune():\n"
            '            raise optuna.TrialPruned(f"pruned after epoch {epoch}")\n',
            "",
            1,
        ),
    ],
)
