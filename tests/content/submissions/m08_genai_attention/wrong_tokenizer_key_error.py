"""Wrong: an unknown character raises KeyError, not ValueError.

Fails: tokenizer
Says: raised KeyError, expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            (
                "        try:\n"
                "            return [self.index[char] for char in text]\n"
                "        except KeyError as exc:\n"
                "            raise ValueError(\n"
                '                f"CharTokenizer.encode: the character {exc.args[0]!r} is n'
                'ot in the "\n'
                '                "vocabulary (the characters of the text the tokenizer was '
                'built on)."\n'
                "            ) from None"
            ),
            "        return [self.index[char] for char in text]",
        ),
    ],
)
