"""Wrong: the Deployment runs image :latest: a new build triggers no rollout.

Fails: rolling_update
Says: the tag latest, nothing to roll back
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "k8s/deployment.yaml", [("titanic-serve:1.0.0", "titanic-serve:latest")])
run_solution("m10-container", globals())
