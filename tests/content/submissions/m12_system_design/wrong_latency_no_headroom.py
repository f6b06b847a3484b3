"""Wrong: the split lists the stages only; what is left of the budget is not said.

Fails: latency_split_adds_up
Says: no key ['headroom']
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-system-design",
    globals(),
    replace=[('return {**stages, "headroom": headroom}', "return stages")],
)
