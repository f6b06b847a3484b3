"""Wrong: the replica count rounded to the nearest whole number, not up.

Fails: capacity_matches
Says: ['replicas'] on scenario 'moderation', rounded up
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-system-design",
    globals(),
    replace=[("replicas = math.ceil(model_rps", "replicas = round(model_rps")],
)
