"""Wrong: an unknown alternative fails an assert, not a ValueError.

Fails: invalid_input_raises
Says: expected ValueError
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    if alternative not in ALTERNATIVES:\n"
            '        raise ValueError(f"alternative={alternative!r}: use one of {ALTERNATIVES}")',
            "    assert alternative in ALTERNATIVES, alternative",
        ),
    ],
)
