"""Wrong: replicas is the string "2": the API server refuses the Deployment.

Fails: manifests_validate
Says: k8s/deployment.yaml:10, would reject, spec.replicas
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "k8s/deployment.yaml", [("replicas: 2", 'replicas: "2"')])
run_solution("m10-container", globals())
