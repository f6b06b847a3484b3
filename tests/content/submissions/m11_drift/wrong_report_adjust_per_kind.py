"""Wrong: the report adjusts the numeric and the categorical p-values separately.

Each group is then corrected for fewer tests than the table holds: the false alarm rate is
no longer held over the whole report.

Fails: report_matches_recomputed
Says: p_adjusted, all the columns
File: drift.py
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-drift",
    globals(),
    replace=[
        (
            'report["p_adjusted"] = adjust(report["p_value"].to_numpy(), correction)',
            'report["p_adjusted"] = report.groupby("kind")["p_value"].transform(\n'
            "        lambda p: pd.Series(adjust(p.to_numpy(), correction), index=p.index)\n"
            "    )",
        )
    ],
)
