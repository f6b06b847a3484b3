"""Wrong: the challenger is judged at once, on the rows it was just trained on: a model that
learned them by heart wins there.

Fails: worse_challenger_rejected
Says: AFTER the challenger was trained
"""

import numpy as np
from tests.content.submissions._solution import run_solution

run_solution("m11-monitoring", globals())

_train_then_register = Monitor._retrain  # noqa: F821  (defined by the solution above)


def _retrain_and_judge(self: "Monitor", batch: int) -> None:  # noqa: F821
    _train_then_register(self, batch)
    recent = sorted(self._labelled)[-self.thresholds.retrain_batches :]
    X = np.concatenate([self._labelled[b][0] for b in recent])
    y = np.concatenate([self._labelled[b][1] for b in recent])
    self._judge_challenger(batch + 1, X, y)  # "a later batch": in fact its training rows


Monitor._retrain = _retrain_and_judge  # noqa: F821
