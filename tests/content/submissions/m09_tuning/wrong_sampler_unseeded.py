"""Wrong: the TPE sampler ignores the seed.

Fails: seeded_study_repeats
Says: differ at trial
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-tuning",
    globals(),
    replace=[
        ("TPESampler(seed=seed)", "TPESampler()", 1),
    ],
)
