"""Wrong: the module reads the briefs when it is imported (outside __main__).

Fails: tokenizer
Says: being imported
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "class CharTokenizer:",
            (
                "from airoadmap.curriculum.paths import content_root\n"
                "\n"
                'CORPUS = (content_root() / "exercises" / "m01-katas" / "brief.md").read_text()\n'
                "\n"
                "\n"
                "class CharTokenizer:"
            ),
        ),
    ],
)
