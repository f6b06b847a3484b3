"""Wrong: embed averages every position of the padded batch, [PAD] tokens included (right when
a text runs alone, wrong in a batch).

Fails: embed_padding
Says: attention_mask is 1
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
            "            pooled = model(**batch).last_hidden_state.mean(dim=1)",
        ),
    ],
)
