"""Wrong: the search design's monitoring never says what drift would look like.

Fails: document_sections
Says: section 'monitoring' never says ['drift']
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m12_system_design._design import use_doc

use_doc(
    globals(),
    "search",
    replace=[
        ("drift in the questions (a new product)", "a change in the questions (a new product)")
    ],
)
run_solution("m12-system-design", globals(), replace=[("SEED = 20261205", "SEED = 5")])
