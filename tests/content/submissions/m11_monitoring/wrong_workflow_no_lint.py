"""Wrong: the lint job installs ruff but never runs it.

Fails: workflow_lint_test_build
Says: lints
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m11_monitoring._workflow import use_workflow

use_workflow(globals(), replace=[("        run: ruff check .", "        run: echo 'lint later'")])
run_solution("m11-monitoring", globals())
