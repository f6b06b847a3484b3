"""Wrong: the rolling update leaves maxUnavailable to Kubernetes' default (25%): capacity drops
during a rollout.

Fails: rolling_update
Says: maxUnavailable, 25%
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "k8s/deployment.yaml", [("      maxUnavailable: 0\n", "")])
run_solution("m10-container", globals())
