"""Wrong: samples are not checked for length: the bootstrap of no value returns (nan, nan).

Fails: invalid_input_raises
Says: bootstrap_ci([]) returned (nan, nan)
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        ("    if x.ndim != 1 or len(x) < minimum:", "    if x.ndim != 1:"),
    ],
)
