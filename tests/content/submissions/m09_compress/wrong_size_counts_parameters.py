"""Wrong: model_size_bytes returns the number of parameters, not bytes.

Fails: measuring
Says: torch.save
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            (
                "    buffer = io.BytesIO()\n"
                "    torch.save(model.state_dict(), buffer)\n"
                "    return buffer.getbuffer().nbytes"
            ),
            "    return sum(p.numel() for p in model.parameters())",
        ),
    ],
)
