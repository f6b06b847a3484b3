"""Count and measure the coins of a photograph with OpenCV.

Colour spaces, blur, Otsu's threshold, morphology, contours and connected components, each a
small function, then `find_coins`, the pipeline that puts them together. Images are NumPy
arrays: colour images RGB uint8 (height, width, 3), grey images uint8 (height, width), masks
bool (height, width). Read brief.md first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

Image = np.ndarray[Any, np.dtype[Any]]  # uint8, (height, width) or (height, width, 3)
Mask = np.ndarray[Any, np.dtype[np.bool_]]

# find_coins' settings, chosen on the coins photo and on generated coins.
SIGMA = 2.0  # the blur before thresholding: removes the noise, keeps the coins' rims
BACKGROUND_SIGMA = 25.0  # the lighting varies slowly: a blur wider than a coin estimates it
CLEAN_RADIUS = 3  # opening and closing: specks and notches smaller than this go
MIN_AREA = 300  # pixels: the smallest coin (radius 14) has about 600


@dataclass(frozen=True)
class Blob:
    """One connected region of a mask: its size in pixels, centre of mass and bounding box."""

    area: int  # pixels
    centroid: tuple[float, float]  # (x, y): the mean column and the mean row of its pixels
    box: tuple[int, int, int, int]  # (x, y, width, height) of the smallest enclosing rectangle


def _require(image: Any, what: str, *, channels: int | None) -> None:
    """Raise ValueError unless `image` is uint8 of shape (H, W) or (H, W, channels)."""
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        dtype = getattr(image, "dtype", type(image).__name__)
        raise ValueError(f"{what}: expected a uint8 NumPy array, got {dtype}: convert it first.")
    expected = "(height, width)" if channels is None else f"(height, width, {channels})"
    ndim = 2 if channels is None else 3
    if image.ndim != ndim or (channels is not None and image.shape[2] != channels):
        raise ValueError(f"{what}: expected an image of shape {expected}, got {image.shape}.")


def to_gray(rgb: Image) -> Image:
    """The grey levels of an RGB image: 0.299 R + 0.587 G + 0.114 B, rounded (uint8)."""
    _require(rgb, "to_gray", channels=3)
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)


def colour_mask(
    rgb: Image,
    hue_low: float,
    hue_high: float,
    min_saturation: float = 0.0,
    min_value: float = 0.0,
) -> Mask:
    """The pixels whose hue (degrees) lies in [hue_low, hue_high], wrapping through 0 when
    hue_low > hue_high, with saturation and value (0 to 1) at least the minimums."""
    _require(rgb, "colour_mask", channels=3)
    # On float images OpenCV gives the hue in degrees [0, 360) and S, V in [0, 1]; on uint8
    # images it would halve the hue (0 to 179) to fit a byte.
    hsv = cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2HSV)
    hue, saturation, value = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    if hue_low <= hue_high:
        in_range = (hue >= hue_low) & (hue <= hue_high)
    else:
        in_range = (hue >= hue_low) | (hue <= hue_high)
    mask: Mask = in_range & (saturation >= min_saturation) & (value >= min_value)
    return mask


def blur(gray: Image, sigma: float) -> Image:
    """A Gaussian blur of standard deviation `sigma` (a kernel of 2 * ceil(3 sigma) + 1 pixels
    a side; the border reflected without repeating the edge pixel, OpenCV's default)."""
    _require(gray, "blur", channels=None)
    if not sigma > 0:
        raise ValueError(f"blur: sigma must be positive, got {sigma}.")
    size = 2 * math.ceil(3 * sigma) + 1
    return cv2.GaussianBlur(gray, (size, size), sigma)


def otsu(gray: Image) -> tuple[int, Mask]:
    """Otsu's threshold t of a grey image, and the mask of the pixels brighter than t."""
    _require(gray, "otsu", channels=None)
    threshold, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return int(threshold), binary > 0


def disk(radius: int) -> Image:
    """A disk footprint: (2 radius + 1) pixels a side, 1 where x^2 + y^2 <= radius^2."""
    if radius < 0:
        raise ValueError(f"disk: the radius must be 0 or more, got {radius}.")
    y, x = np.mgrid[-radius : radius + 1, -radius : radius + 1]
    footprint: Image = (x * x + y * y <= radius * radius).astype(np.uint8)
    return footprint


def clean(mask: Mask, radius: int) -> Mask:
    """An opening (removes specks) then a closing (fills notches), both with disk(radius)."""
    footprint = disk(radius)
    opened = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, footprint)
    closed = cv2.morphologyEx(opened, cv2.MORPH_CLOSE, footprint)
    return closed > 0


def fill_holes(mask: Mask) -> Mask:
    """The mask with every hole filled: the inside of each outer contour drawn solid."""
    contours, _ = cv2.findContours(
        mask.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE
    )
    filled = np.zeros(mask.shape, dtype=np.uint8)
    cv2.drawContours(filled, contours, -1, color=1, thickness=cv2.FILLED)
    return filled > 0


def blobs(mask: Mask, min_area: int) -> list[Blob]:
    """The 8-connected regions of `mask` with at least `min_area` pixels, measured."""
    count, _, stats, centroids = cv2.connectedComponentsWithStats(
        mask.astype(np.uint8), connectivity=8
    )
    found = []
    for label in range(1, count):  # label 0 is the background
        x, y, width, height, area = (int(v) for v in stats[label])
        if area >= min_area:
            cx, cy = centroids[label]
            found.append(Blob(area, (float(cx), float(cy)), (x, y, width, height)))
    return found


def find_coins(gray: Image) -> list[Blob]:
    """The coins of a grey photo of coins on a darker background, lit unevenly.

    A single threshold cannot serve a photo lit brighter on one side, so the slowly varying
    lighting (a wide blur) is subtracted first, and Otsu's threshold is taken on what stands
    out from it.
    """
    _require(gray, "find_coins", channels=None)
    smooth = blur(gray, SIGMA).astype(np.float32)
    lighting = cv2.GaussianBlur(smooth, (0, 0), BACKGROUND_SIGMA)
    flat = np.clip(np.rint(smooth - lighting + 128.0), 0, 255).astype(np.uint8)
    _, mask = otsu(flat)
    return blobs(clean(fill_holes(mask), CLEAN_RADIUS), MIN_AREA)
