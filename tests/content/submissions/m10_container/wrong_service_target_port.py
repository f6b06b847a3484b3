"""Wrong: the Service sends its traffic to port 8080 of the pods, which serve 8000.

Fails: service_selects_pods
Says: port(s) [8080], set targetPort
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "k8s/service.yaml", [("      targetPort: http\n", "      targetPort: 8080\n")])
run_solution("m10-container", globals())
