"""Wrong: export_onnx has no dynamic batch dimension: the file accepts batches of 1 only.

Fails: onnx_export
Says: dynamic
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            '        dynamic_axes={INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}},\n',
            "",
        ),
    ],
)
