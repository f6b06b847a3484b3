"""Wrong: the token count includes [CLS] and [SEP], two per text.

Fails: token_report
Says: [CLS] and [SEP] are not counted
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    for text in texts:\n",
            "    for text in texts:\n        tokens += 2  # [CLS] and [SEP]\n",
        ),
    ],
)
