"""Wrong: find_coins leaves the engravings as holes and never cleans the mask, so
the coins' areas come out too small.

Fails: generated
Says: pixels, expected
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "return blobs(clean(fill_holes(mask), CLEAN_RADIUS), MIN_AREA)",
            "return blobs(cv2.erode(mask.astype(np.uint8), disk(2)) > 0, MIN_AREA)",
        ),
    ],
)
