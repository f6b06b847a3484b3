"""Wrong: the Service selects app: titanic-serve, a label the pods do not carry: it has no
endpoints.

Fails: service_selects_pods
Says: k8s/service.yaml:12, no endpoints
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(
    globals(),
    "k8s/service.yaml",
    [
        (
            "  selector:\n    app.kubernetes.io/name: titanic-serve\n",
            "  selector:\n    app: titanic-serve\n",
        )
    ],
)
run_solution("m10-container", globals())
