"""Wrong: fill_holes floods the background from outside with 8-connectivity, so
the background leaks into a hole through a diagonal gap between two region pixels.

Fails: holes
Says: 4-connected
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            (
                "    contours, _ = cv2.findContours(\n"
                "        mask.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE\n"
                "    )\n"
                "    filled = np.zeros(mask.shape, dtype=np.uint8)\n"
                "    cv2.drawContours(filled, contours, -1, color=1, thickness=cv2.FILLED)\n"
                "    return filled > 0"
            ),
            (
                "    padded = np.pad(mask.astype(np.uint8), 1)\n"
                "    cv2.floodFill(padded, None, (0, 0), 2, flags=8)\n"
                "    return (padded != 2)[1:-1, 1:-1]"
            ),
        ),
    ],
)
