"""Wrong: the initial weights are not seeded.

Fails: training_seeded
Says: different weights, torch.manual_seed(config.seed)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[("    torch.manual_seed(config.seed)\n", "")],
)
