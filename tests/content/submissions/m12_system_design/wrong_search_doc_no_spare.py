"""Wrong: the search design's table counts the replicas without the spare.

Fails: document_figures
Says: replicas = 16, scenario 'search'
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m12_system_design._design import use_doc

use_doc(globals(), "search", replace=[("| replicas | 17 |", "| replicas | 16 |")])
run_solution("m12-system-design", globals(), replace=[("SEED = 20261205", "SEED = 5")])
