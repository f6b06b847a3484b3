"""Wrong: the history counts epochs from 0.

Fails: train_saves_its_figures
Says: count from 1
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-gan",
    globals(),
    replace=[
        (
            'history.append({"epoch": epoch, **losses})',
            'history.append({"epoch": epoch - 1, **losses})',
        ),
    ],
)
