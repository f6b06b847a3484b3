"""Wrong: normalize_text strips the ends but leaves runs of spaces inside.

Fails: text_spacing
Says: normalize_text(series), (position 0)
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            '    return series.str.replace(WHITESPACE, " ", regex=True).str.strip()',
            "    return series.str.strip()",
        ),
    ],
)
