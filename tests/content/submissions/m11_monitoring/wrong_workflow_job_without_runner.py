"""Wrong: the deploy job says where it runs nowhere (no `runs-on`): GitHub refuses the file.

Fails: workflow_valid
Says: jobs.deploy, schema
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m11_monitoring._workflow import use_workflow

use_workflow(
    globals(),
    replace=[
        (
            "    if: github.ref == 'refs/heads/main'\n    runs-on: ubuntu-24.04\n",
            "    if: github.ref == 'refs/heads/main'\n",
        )
    ],
)
run_solution("m11-monitoring", globals())
