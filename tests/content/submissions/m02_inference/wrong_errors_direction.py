"""Wrong: sample_size returns 1 when the one-sided alternative points the other way.

Fails: invalid_input_raises
Says: returned 1; expected it to raise ValueError
"""

from tests.content.submissions._solution import run_solution

OUT_OF_REACH = '"power={power} is out of reach for {p_a} against {p_b} ({alternative})"'

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            f"            raise ValueError(\n                f{OUT_OF_REACH}\n            )",
            "            return 1",
        ),
    ],
)
