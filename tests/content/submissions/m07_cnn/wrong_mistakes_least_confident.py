"""Wrong: the mistakes are sorted with the least confident first.

Fails: mistakes
Says: highest first
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            'np.argsort(-confidence[wrong], kind="stable")',
            'np.argsort(confidence[wrong], kind="stable")',
        ),
    ],
)
