"""Wrong: the build (and so the deploy) waits for the lint job only: a push whose tests fail
is still deployed.

Fails: workflow_tests_gate_deploy
Says: does not wait for the tests, needs
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m11_monitoring._workflow import use_workflow

use_workflow(globals(), replace=[("    needs: [lint, test]", "    needs: [lint]")])
run_solution("m11-monitoring", globals())
