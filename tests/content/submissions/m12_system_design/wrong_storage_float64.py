"""Wrong: the vectors counted as float64 (8 bytes a value), not float32.

Fails: storage_matches
Says: storage_gb on scenario 'moderation'
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-system-design", globals(), replace=[("BYTES_PER_VALUE = 4", "BYTES_PER_VALUE = 8")]
)
