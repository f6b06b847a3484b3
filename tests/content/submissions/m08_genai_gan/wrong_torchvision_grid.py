"""Wrong: the sample grid is drawn with torchvision, which the brief rules out.

Fails: from_scratch
Says: torchvision
"""

from __future__ import annotations

from pathlib import Path

import torch
from tests.content.submissions._solution import run_solution

run_solution("m08-genai-gan", globals())


def save_grid(images: torch.Tensor, path: Path) -> None:
    from torchvision.utils import save_image

    save_image(images, path, nrow=8, padding=0)
