"""Wrong: train_lstm returns its network still in training mode.

Fails: train_lstm_follows_config
Says: training mode, model.eval()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m07-sequence", globals(), replace=[("    return model.eval()", "    return model")])
