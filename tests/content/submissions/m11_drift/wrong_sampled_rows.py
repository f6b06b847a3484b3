"""Wrong: the report tests a sample of 5,000 rows of each side, to save time.

On 5,000 rows a shift of 0.05 standard deviations is within chance: the subtle drift is
missed. Vectorised, the whole table costs well under a second.

Fails: drifted_columns_found
Says: recall_bonferroni, x30
File: drift.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-drift",
    globals(),
    replace=[
        (
            "    numeric = [\n",
            "    reference = reference.sample(5000, random_state=0)\n"
            "    current = current.sample(5000, random_state=0)\n"
            "    numeric = [\n",
        )
    ],
)
