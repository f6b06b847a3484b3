"""Wrong: tune runs its trials in a study of its own in memory, not in the storage.

Fails: workers_share_study
Says: expected 3 from each
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        (
            "    study = create_study(storage, study_name, seed)\n",
            "    study = optuna.create_study(\n"
            '        direction="maximize",\n'
            "        sampler=optuna.samplers.TPESampler(seed=seed),\n"
            "        pruner=optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=2),\n"
            "    )\n",
            1,
        ),
    ],
)
