"""Wrong: main lets a missing input file escape as a traceback.

Fails: main_errors
Says: main raised FileNotFoundError, Catch the error
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            "    except (OSError, ValueError, KeyError) as exc:",
            "    except ZeroDivisionError as exc:",
        ),
    ],
)
