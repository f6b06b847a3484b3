"""Wrong: compare reports the torch state_dict's size for the ONNX variant, not the file's.

Fails: table_figures
Says: .onnx
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            '("onnx", onnx_path.stat().st_size,',
            '("onnx", model_size_bytes(model) + 1,',
        ),
    ],
)
