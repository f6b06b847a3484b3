"""Wrong: each evaluation reports its first episode's return, not the mean.

Fails: train_reports_its_run
Says: the means of train
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "mean = float(np.mean(evaluate(online, eval_env, eval_seeds)))",
            "mean = float(evaluate(online, eval_env, eval_seeds)[0])",
        ),
    ],
)
