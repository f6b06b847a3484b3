"""Wrong: the depth-first search lists a node before its inputs (pre-order), so the reversed list
runs inputs before the nodes that use them.

Fails: topological_order
Says: a = x * 2
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd", globals(), replace=[("stack.append((node, True))", "order.append(node)")]
)
