"""Wrong: the recommendation design's table says online, where the scenario calls for batch.

Fails: document_figures
Says: serving mode is 'online', calls for 'batch'
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m12_system_design._design import use_doc

use_doc(
    globals(), "recommendation", replace=[("| serving mode | batch |", "| serving mode | online |")]
)
run_solution("m12-system-design", globals(), replace=[("SEED = 20261205", "SEED = 0")])
