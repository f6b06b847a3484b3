"""Wrong: the hybrid adds the raw cosine and the raw BM25 score: BM25's scores (up to about
20) drown the cosines (at most 1), so the hybrid is BM25 again.

Fails: hit_at_3
Says: hit3_hybrid
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m10-chatbot",
    globals(),
    replace=[
        (
            "scores = _fused(self.dense_scores(query), self.bm25_scores(query))",
            "scores = self.dense_scores(query) + self.bm25_scores(query)",
        )
    ],
)
