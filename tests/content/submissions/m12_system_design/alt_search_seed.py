"""Correct: the solution with a seed that draws `search` (online, two GPUs per replica, a
cache), and the design of that scenario."""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m12_system_design._design import use_doc

use_doc(globals(), "search")
run_solution("m12-system-design", globals(), replace=[("SEED = 20261205", "SEED = 5")])
