"""Correct: the solution with one part written another way.

Main exits with sys.exit(message) instead of returning 1.
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            (
                '        print(f"cleaning: error: {exc}", file=sys.stderr)\n'
                "        return 1"
            ),
            '        sys.exit(f"cleaning: error: {exc}")',
        ),
    ],
)
