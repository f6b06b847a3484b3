"""Wrong: run_rnn always starts from zeros, whatever h0 it is given.

Fails: run_rnn_matches
Says: h0 given, the outputs
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m07-sequence", globals(), replace=[("    h = h0\n", "    h = None\n")])
