"""Wrong: to_gray writes the grey levels into the red channel of the image it was
given, and returns that channel.

Fails: gray
Says: changed the array
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)",
            "rgb[..., 0] = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)\n    return rgb[..., 0].copy()",
        ),
    ],
)
