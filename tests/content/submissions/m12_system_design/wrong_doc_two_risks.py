"""Wrong: the moderation design lists two failure modes, not three.

Fails: document_sections
Says: 'risks' lists 2 failure modes, at least 3
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m12_system_design._design import use_doc

use_doc(
    globals(),
    "solution",
    replace=[
        (
            "- Attackers adapt (spelling tricks, images of text)",
            "Attackers also adapt (spelling tricks, images of text)",
        ),
        ("- Bias: comments in dialects", "Bias matters too: comments in dialects"),
    ],
)
run_solution("m12-system-design", globals())
