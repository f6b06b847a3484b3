"""Wrong: the token vectors averaged over every position, [PAD] tokens included.

Fails: embeddings_match
Says: cosine, padding
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m10-chatbot",
    globals(),
    replace=[
        (
            "pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)",
            "pooled = tokens.mean(axis=1)",
        )
    ],
)
