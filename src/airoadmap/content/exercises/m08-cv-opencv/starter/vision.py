"""Count and measure the coins of a photograph with OpenCV.

Colour spaces, blur, Otsu's threshold, morphology, contours and connected components, each a
small function, then `find_coins`, the pipeline that puts them together. Images are NumPy
arrays: colour images RGB uint8 (height, width, 3), grey images uint8 (height, width), masks
bool (height, width). Read brief.md first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2  # noqa: F401 - every function here is a few lines of OpenCV
import numpy as np

Image = np.ndarray[Any, np.dtype[Any]]  # uint8, (height, width) or (height, width, 3)
Mask = np.ndarray[Any, np.dtype[np.bool_]]


@dataclass(frozen=True)
class Blob:
    """One connected region of a mask: its size in pixels, centre of mass and bounding box."""

    area: int  # pixels
    centroid: tuple[float, float]  # (x, y): the mean column and the mean row of its pixels
    box: tuple[int, int, int, int]  # (x, y, width, height) of the smallest enclosing rectangle


def to_gray(rgb: Image) -> Image:
    """The grey levels of an RGB image: 0.299 R + 0.587 G + 0.114 B, rounded (uint8)."""
    raise NotImplementedError("to_gray: one cv2.cvtColor, with the right conversion code")


def colour_mask(
    rgb: Image,
    hue_low: float,
    hue_high: float,
    min_saturation: float = 0.0,
    min_value: float = 0.0,
) -> Mask:
    """The pixels whose hue (degrees) lies in [hue_low, hue_high], wrapping through 0 when
    hue_low > hue_high, with saturation and value (0 to 1) at least the minimums."""
    raise NotImplementedError("colour_mask: convert to HSV, then compare each channel")


def blur(gray: Image, sigma: float) -> Image:
    """A Gaussian blur of standard deviation `sigma` (a kernel of 2 * ceil(3 sigma) + 1 pixels
    a side; the border reflected without repeating the edge pixel, OpenCV's default)."""
    raise NotImplementedError("blur: cv2.GaussianBlur")


def otsu(gray: Image) -> tuple[int, Mask]:
    """Otsu's threshold t of a grey image, and the mask of the pixels brighter than t."""
    raise NotImplementedError("otsu: cv2.threshold with THRESH_OTSU")


def disk(radius: int) -> Image:
    """A disk footprint: (2 radius + 1) pixels a side, 1 where x^2 + y^2 <= radius^2."""
    raise NotImplementedError("disk: a grid of x and y from -radius to radius")


def clean(mask: Mask, radius: int) -> Mask:
    """An opening (removes specks) then a closing (fills notches), both with disk(radius)."""
    raise NotImplementedError("clean: cv2.morphologyEx, twice")


def fill_holes(mask: Mask) -> Mask:
    """The mask with every hole filled: the inside of each outer contour drawn solid."""
    raise NotImplementedError("fill_holes: cv2.findContours, then cv2.drawContours")


def blobs(mask: Mask, min_area: int) -> list[Blob]:
    """The 8-connected regions of `mask` with at least `min_area` pixels, measured."""
    raise NotImplementedError("blobs: cv2.connectedComponentsWithStats")


def find_coins(gray: Image) -> list[Blob]:
    """The coins of a grey photo of coins on a darker background, lit unevenly."""
    raise NotImplementedError("find_coins: blur, threshold, fill, clean, measure")
