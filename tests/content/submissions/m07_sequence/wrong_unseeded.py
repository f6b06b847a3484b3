"""Wrong: neither the initial weights nor the batch order are seeded.

Fails: seeded
Says: different LSTM forecasts, torch.manual_seed(config.seed)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        ("    torch.manual_seed(config.seed)\n", ""),
        ("order = torch.Generator().manual_seed(config.seed)", "order = None"),
    ],
)
