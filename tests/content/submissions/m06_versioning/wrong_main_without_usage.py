"""Wrong: main() runs evaluate for any stage name it does not know, instead of stopping.

Fails: stages_follow_the_brief
Says: main(['fit']) should stop, usage line
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m06-versioning",
    globals(),
    replace=[
        ("if len(args) != 1 or args[0] not in stages:", "if not args:"),
        ("    stage = args[0]\n", '    stage = args[0] if args[0] in stages else "evaluate"\n'),
    ],
)
