"""Wrong: the container has no memory limit: one leaking pod can take the node's memory.

Fails: deployment_resources
Says: no limits.memory
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(
    globals(),
    "k8s/deployment.yaml",
    [('              cpu: "1"\n              memory: 512Mi\n', '              cpu: "1"\n')],
)
run_solution("m10-container", globals())
