"""Wrong: GPUs per replica from the weights alone (no memory overhead): the search model's
16 GB of weights fit one 24 GB GPU, its 25.6 GB with the KV cache do not.

Fails: capacity_matches
Says: ['gpus_per_replica'] on scenario 'search'
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-system-design",
    globals(),
    replace=[(' * s["memory_overhead"] / 1e9', " / 1e9")],
)
