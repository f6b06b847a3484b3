"""m08-genai-attention: the checks' own references (the corpus split, the bigram baseline, the
sampler's yardstick), recomputed here another way.

The solution, the starter and the held-back submissions (submissions/m08_genai_attention/) are
run by tests/content/test_submissions.py, the contract table by tests/content/test_contracts.py.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from types import ModuleType

import numpy as np
import pytest

from airoadmap.curriculum.paths import content_root
from tests.content.contracts import load_checks

torch = pytest.importorskip("torch")


@pytest.fixture(scope="module")
def checks() -> ModuleType:
    return load_checks("m08-genai-attention", "_m08_genai_attention_checks")


def test_the_corpus_is_the_briefs_of_months_1_to_7_split_90_10(checks: ModuleType) -> None:
    exercises = content_root() / "exercises"
    names = sorted(p.name for p in exercises.iterdir() if re.match(r"m0[1-7]-", p.name))
    briefs = [exercises / name / "brief.md" for name in names]
    text = "\n".join(path.read_text(encoding="utf-8") for path in briefs)
    train, validation, vocab = checks._corpus_ids()
    assert vocab == len(set(text))
    assert len(train) + len(validation) == len(text)
    assert len(train) == math.floor(0.9 * len(text))
    chars = sorted(set(text))
    assert "".join(chars[int(i)] for i in validation[:200]) == text[len(train) :][:200]


def test_the_bigram_baseline_is_add_alpha_counts(checks: ModuleType) -> None:
    ids = torch.tensor([0, 1, 2, 1, 2, 2, 0, 1, 3, 1])
    log_probs = checks._bigram_log_probs(ids, 4)
    pairs = Counter(zip(ids[:-1].tolist(), ids[1:].tolist(), strict=True))
    alpha = checks.BIGRAM_ALPHA
    for a in range(4):
        total = sum(pairs[(a, b)] for b in range(4)) + 4 * alpha
        for b in range(4):
            assert math.isclose(math.exp(log_probs[a, b]), (pairs[(a, b)] + alpha) / total)


def test_validation_windows_cover_every_transition_once(checks: ModuleType) -> None:
    ids = torch.arange(23)
    x, y = checks._validation_windows(ids, 5)
    assert x.shape == y.shape == (4, 5)
    assert (y == x + 1).all()
    assert x.flatten().tolist() == list(range(20))


def test_the_sampler_yardstick_takes_exact_draws_and_refuses_a_wrong_temperature(
    checks: ModuleType,
) -> None:
    """A correct sampler passes on many seeds; one at 1.25 times the temperature fails."""
    logits = torch.tensor(checks.LOGITS)
    probs = checks._expected_probs(logits, 0.8, 5)
    for seed in range(20):
        generator = torch.Generator().manual_seed(seed)
        draws = torch.multinomial(torch.tensor(probs), checks.DRAWS, True, generator=generator)
        checks._judge_draws(draws, probs, "exact", "")
    warmer = torch.tensor(checks._expected_probs(logits, 1.0, 5))
    draws = torch.multinomial(warmer, checks.DRAWS, True, generator=torch.Generator())
    with pytest.raises(AssertionError, match="standard errors"):
        checks._judge_draws(draws, probs, "warmer", "")
    assert np.isclose(probs.sum(), 1.0) and (probs > 0).sum() == 5
