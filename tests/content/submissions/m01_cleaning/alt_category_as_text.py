"""Correct: the solution with one part written another way.

Normalize_category returns text (object dtype), not a Categorical.
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            (
                "    values = pd.Categorical(key.map(lookup), categories=list(categories))\n"
                "    return pd.Series(values, index=series.index, name=series.name)"
            ),
            "    return key.map(lookup)",
        ),
    ],
)
