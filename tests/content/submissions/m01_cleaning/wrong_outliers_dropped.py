"""Wrong: clean drops the outliers instead of flagging them.

Fails: titanic_rows_and_types
Says: flagged, not dropped
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            '            cells["outliers"][name] = _count(flags)\n',
            (
                '            cells["outliers"][name] = _count(flags)\n'
                "            out = out[~flags].reset_index(drop=True)\n"
            ),
        ),
    ],
)
