"""Wrong: find_coins thresholds the whole photo at one grey level (Otsu of the
blurred image): the top-left coins melt into the bright background.

Fails: photo
Says: coins_found
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
                "    _, mask = otsu(flat)"
            ),
            "    _, mask = otsu(blur(gray, SIGMA))",
        ),
    ],
)
