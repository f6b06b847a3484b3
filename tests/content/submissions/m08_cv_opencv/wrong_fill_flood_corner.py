"""Wrong: fill_holes flood-fills the background from the top-left pixel without
padding the mask: when that pixel is part of a region, the region is flooded instead.

Fails: holes
Says: differ
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
                "    outside = mask.astype(np.uint8)\n"
                "    cv2.floodFill(outside, None, (0, 0), 2)\n"
                "    return outside != 2"
            ),
        ),
    ],
)
