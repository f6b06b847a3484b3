"""Wrong: normalize_category ignores the aliases.

Fails: categories
Says: the cell 'f' (position 2) became missing, expected 'female'
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            '        lookup[" ".join(alias.split()).lower()] = target',
            "        pass",
        ),
    ],
)
