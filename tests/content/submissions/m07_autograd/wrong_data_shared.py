"""Wrong: Tensor keeps a float64 array as is, without copying it: changing the caller's array
changes the tensor.

Fails: tensor_holds_data
Says: shares memory
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd",
    globals(),
    replace=[("np.array(data, dtype=np.float64)", "np.asarray(data, dtype=np.float64)")],
)
