"""Wrong: split_tweets keeps one position per group: the other copies are in no part.

Fails: split_partition
Says: exactly one part
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("parts[name].extend(members[index])", "parts[name].append(members[index][0])"),
    ],
)
