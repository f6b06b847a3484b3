"""Wrong: main reads the CSV with pandas' default missing markers.

Fails: titanic_report
Says: cells['missing'] counts
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            "pd.read_csv(args.input, dtype=str, keep_default_na=False)",
            "pd.read_csv(args.input, dtype=str)",
        ),
    ],
)
