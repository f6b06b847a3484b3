"""Wrong: the sentence vectors from sentence-transformers, which brings torch along.

Fails: from_scratch
Says: sentence_transformers
"""

from tests.content.submissions._solution import run_solution

run_solution("m10-chatbot", globals())


class Embedder:
    """MiniLM through sentence-transformers (torch at run time)."""

    def encode(self, texts: list[str]) -> object:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer("all-MiniLM-L6-v2")
        return model.encode(texts, normalize_embeddings=True)
