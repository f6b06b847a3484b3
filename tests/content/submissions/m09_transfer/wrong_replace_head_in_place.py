"""Wrong: replace_head puts the new head on the model it is given (no copy), so the
pretrained model changes.

Fails: head_replaced
Says: changed the model it was given
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m09-transfer", globals(), replace=[("new = copy.deepcopy(model)", "new = model")])
