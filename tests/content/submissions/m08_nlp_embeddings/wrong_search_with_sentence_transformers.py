"""Wrong: top_k wraps sentence-transformers' semantic_search, which this exercise forbids.

Fails: from_scratch
Says: imports sentence_transformers
"""

from __future__ import annotations

import numpy as np
import torch
from tests.content.submissions._solution import run_solution

run_solution("m08-nlp-embeddings", globals())


def top_k(queries, corpus, k):
    from sentence_transformers import util

    hits = util.semantic_search(torch.as_tensor(queries), torch.as_tensor(corpus), top_k=k)
    scores = np.array([[hit["score"] for hit in row] for row in hits])
    return scores, np.array([[hit["corpus_id"] for hit in row] for row in hits])
