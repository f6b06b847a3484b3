"""Wrong: the readiness probe asks port 8080, where the container serves nothing.

Fails: deployment_probes
Says: readinessProbe asks port 8080, serves 8000
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(
    globals(),
    "k8s/deployment.yaml",
    [
        (
            "              path: /ready\n              port: http\n",
            "              path: /ready\n              port: 8080\n",
        )
    ],
)
run_solution("m10-container", globals())
