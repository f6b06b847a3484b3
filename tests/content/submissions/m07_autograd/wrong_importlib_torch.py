"""Wrong: tanh and its derivative come from torch, reached through importlib.import_module.

Fails: from_scratch
Says: torch
"""

from __future__ import annotations

import importlib

from tests.content.submissions._solution import run_solution

run_solution("m07-autograd", globals())


def _tanh_by_torch(self):
    torch = importlib.import_module("torch")
    out = torch.tanh(torch.from_numpy(self.data)).numpy()
    return self._unary(out, 1.0 - out**2)


Tensor.tanh = _tanh_by_torch  # noqa: F821 - defined by run_solution
