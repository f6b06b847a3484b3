"""Wrong: export_onnx exports a freshly initialised model of the same shape.

Fails: onnx_export
Says: logits
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            ("        copy.deepcopy(model).eval(),\n        (example,),"),
            ("        _reset(copy.deepcopy(model)).eval(),\n        (example,),"),
        ),
        (
            "def export_onnx(",
            (
                "def _reset(model: nn.Module) -> nn.Module:\n"
                "    for layer in _linear_layers(model):\n"
                "        layer.reset_parameters()\n"
                "    return model\n"
                "\n"
                "\n"
                "def export_onnx("
            ),
        ),
    ],
)
