"""Wrong: the HPA scales a Deployment named titanic, which does not exist.

Fails: hpa_targets_deployment
Says: 'titanic', would scale nothing
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "k8s/hpa.yaml", [("    name: titanic-serve\n", "    name: titanic\n")])
run_solution("m10-container", globals())
