"""Wrong: the deploy job checks out with `actions/checkout@main`, a branch that moves.

Fails: workflow_actions_pinned
Says: deploy, branch, line 51
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m11_monitoring._workflow import use_workflow

use_workflow(
    globals(),
    replace=[
        (
            "    environment: production\n    steps:\n      - uses: actions/checkout@v4",
            "    environment: production\n    steps:\n      - uses: actions/checkout@main",
        )
    ],
)
run_solution("m11-monitoring", globals())
