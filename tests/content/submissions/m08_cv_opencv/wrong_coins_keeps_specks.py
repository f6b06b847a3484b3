"""Wrong: find_coins thresholds locally with a small window, skips the cleaning and
keeps blobs from 20 pixels: specks at the photo's edge count as coins.

Fails: photo
Says: false_blobs
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            (
                "    smooth = blur(gray, SIGMA).astype(np.float32)\n"
                "    lighting = cv2.GaussianBlur(smooth, (0, 0), BACKGROUND_SIGMA)\n"
                "    flat = np.clip(np.rint(smooth - lighting + 128.0), 0, 255).astype(np.uint8)\n"
                "    _, mask = otsu(flat)\n"
                "    return blobs(clean(fill_holes(mask), CLEAN_RADIUS), MIN_AREA)"
            ),
            (
                "    smooth = blur(gray, SIGMA)\n"
                "    local = cv2.adaptiveThreshold(\n"
                "        smooth, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 51, -5\n"
                "    )\n"
                "    return blobs(fill_holes(local > 0), 20)"
            ),
        ),
    ],
)
