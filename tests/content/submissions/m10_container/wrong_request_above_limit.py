"""Wrong: the container requests 1Gi of memory but is limited to 512Mi: the request does not
fit in the limit.

Fails: deployment_resources
Says: memory limit is below its request
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(
    globals(),
    "k8s/deployment.yaml",
    [("              memory: 256Mi\n", "              memory: 1Gi\n")],
)
run_solution("m10-container", globals())
