"""Wrong: each text's vector is the [CLS] token's, not the mean of its tokens.

Fails: embed_by_hand
Says: not the [CLS] vector
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "            pooled = mean_pool(model(**batch).last_hidden_state, "
            'batch["attention_mask"])',
            "            pooled = model(**batch).last_hidden_state[:, 0]",
        ),
    ],
)
