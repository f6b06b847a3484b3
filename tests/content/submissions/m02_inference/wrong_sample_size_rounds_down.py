"""Wrong: sample_size is the formula's n rounded down.

Fails: sample_size_is_smallest
Says: Round the n of the formula UP
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    while low < high:  # the smallest n in [low, high] that reaches the power",
            "    h = _effect(p_a, p_b)\n"
            "    tail = alpha / 2 if alternative == 'two-sided' else alpha\n"
            "    return int(2 * ((_NORMAL.inv_cdf(1 - tail) + _NORMAL.inv_cdf(power)) / h) ** 2)\n"
            "    while low < high:",
        ),
    ],
)
