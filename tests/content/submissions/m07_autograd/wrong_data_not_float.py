"""Wrong: Tensor keeps the array it is given as is: integers stay integers, and the caller's array
is shared.

Fails: tensor_holds_data
Says: float64
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd", globals(), replace=[("np.array(data, dtype=np.float64)", "np.asarray(data)")]
)
