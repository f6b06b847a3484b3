"""Wrong: the discriminator step does not detach the generated images.

Fails: update_steps
Says: detach
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        ("fake = generator(z).detach()", "fake = generator(z)"),
    ],
)
