"""Wrong: train_model trains MLPClassifier() with the defaults whatever params say.

Fails: tuned_beats_default
Says: val_gain
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        ("MLPClassifier(random_state=seed, **params)", "MLPClassifier(random_state=seed)", 1),
    ],
)
