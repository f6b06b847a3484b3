"""Wrong: the liveness probe asks /ready: a pod whose model is still loading gets restarted, again
and again.

Fails: deployment_probes
Says: livenessProbe asks '/ready', expected '/health'
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(
    globals(),
    "k8s/deployment.yaml",
    [("              path: /health\n", "              path: /ready\n")],
)
run_solution("m10-container", globals())
