"""Wrong: blobs measures the area of the outer contour's polygon
(cv2.contourArea), smaller than the pixel count.

Fails: measured
Says: contour
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "found.append(Blob(area, (float(cx), float(cy)), (x, y, width, height)))",
            (
                "region = (labels == label).astype(np.uint8)\n"
                "            contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, "
                "cv2.CHAIN_APPROX_NONE)\n"
                "            polygon = int(round(sum(cv2.contourArea(c) for c in contours)))\n"
                "            found.append(Blob(polygon, (float(cx), float(cy)), (x, y, "
                "width, height)))"
            ),
        ),
        (
            "count, _, stats, centroids = cv2.connectedComponentsWithStats(",
            "count, labels, stats, centroids = cv2.connectedComponentsWithStats(",
        ),
    ],
)
