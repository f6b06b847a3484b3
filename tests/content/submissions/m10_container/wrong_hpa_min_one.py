"""Wrong: minReplicas 1: one pod failing takes the service down.

Fails: hpa_targets_deployment
Says: minReplicas is 1, at least 2
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "k8s/hpa.yaml", [("minReplicas: 2", "minReplicas: 1")])
run_solution("m10-container", globals())
