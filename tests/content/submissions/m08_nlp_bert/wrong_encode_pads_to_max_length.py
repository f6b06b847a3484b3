"""Wrong: encode pads every text to max_length, not to the longest.

Fails: encodes
Says: shape, longest
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ('padding="longest"', 'padding="max_length"'),
    ],
)
