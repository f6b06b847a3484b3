"""The cards on statistical inference (month 2) and data versioning (month 6), their answers
recomputed by independent code instead of trusted.

The inference numbers come from SciPy's `bootstrap` and `permutation_test`, statsmodels' power
analysis and seeded simulations; the versioning answers from DVC itself, run on a throwaway
repository (skipped where DVC is not installed). Every recomputed value is judged exactly as a
learner's typed answer is (`airoadmap.quiz.answers.judge`).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import tempfile
from collections.abc import Callable
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from airoadmap.quiz.answers import judge
from airoadmap.quiz.loader import all_cards
from airoadmap.quiz.models import Card, NumberCard


def card(card_id: str) -> Card:
    return {c.id: c for c in all_cards()}[card_id]


def named_in_prompt(card_id: str, *texts: str) -> None:
    """The prompt states exactly these numbers and names (so the test computes what it asks)."""
    prompt = card(card_id).prompt
    for text in texts:
        assert text in prompt, f"{card_id}: the prompt no longer says {text!r}"


# -- month 2: inference --------------------------------------------------------------------


def _bootstrap_below() -> int:
    """Resampled means below the lower end of SciPy's 95% percentile interval, and of one
    computed here with NumPy: the same count."""
    from scipy import stats

    named_in_prompt("m02-bootstrap-percentile", "4,000 resamples", "95% percentile interval")
    sample = np.random.default_rng(0).exponential(3.0, size=40)
    result = stats.bootstrap(
        (sample,), np.mean, n_resamples=4000, method="percentile", rng=np.random.default_rng(1)
    )
    means = result.bootstrap_distribution
    by_scipy = int((means < result.confidence_interval.low).sum())
    draws = np.random.default_rng(2).integers(0, len(sample), size=(4000, len(sample)))
    mine = sample[draws].mean(axis=1)
    assert by_scipy == int((mine < np.percentile(mine, 2.5)).sum())
    return by_scipy


def _permutation_p() -> float:
    """SciPy's exact permutation test, and the 20 splits counted here with fractions."""
    from scipy import stats

    a, b = [7, 9, 4], [1, 5, 3]
    named_in_prompt("m02-permutation-p-value", str(a), str(b), "20 ways")

    def difference(x: Any, y: Any, axis: int) -> Any:
        return np.mean(x, axis=axis) - np.mean(y, axis=axis)

    p = stats.permutation_test(
        (a, b),
        difference,
        permutation_type="independent",
        alternative="greater",
        n_resamples=np.inf,
        vectorized=True,
    ).pvalue
    values = a + b
    observed = Fraction(sum(a), 3) - Fraction(sum(b), 3)
    splits = list(itertools.combinations(range(6), 3))
    extreme = sum(
        Fraction(sum(values[i] for i in group), 3)
        - Fraction(sum(values[i] for i in range(6) if i not in group), 3)
        >= observed
        for group in splits
    )
    assert len(splits) == 20 and p == pytest.approx(extreme / 20)
    return float(p)


def _sample_size() -> int:
    """statsmodels' sample size (Cohen's h, exact z values), and a seeded simulation: at the
    card's n per group, a two-proportion z-test finds the rise about 80% of the time."""
    from scipy import stats
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize

    named_in_prompt("m02-ab-sample-size", "10% to 12%", "alpha = 0.05", "80% power")
    n = NormalIndPower().solve_power(
        effect_size=proportion_effectsize(0.12, 0.10), alpha=0.05, power=0.8, ratio=1.0
    )
    answer = int(card("m02-ab-sample-size").answer)
    rng = np.random.default_rng(0)
    a = rng.binomial(answer, 0.10, size=20_000) / answer
    b = rng.binomial(answer, 0.12, size=20_000) / answer
    pooled = (a + b) / 2
    z = (b - a) / np.sqrt(pooled * (1 - pooled) * 2 / answer)
    power = float(np.mean(np.abs(z) > stats.norm.ppf(0.975)))
    assert abs(power - 0.8) < 0.015, power
    return math.ceil(n)


# -- month 6: data versioning, with DVC ------------------------------------------------------

DVC_YAML = """stages:
  prepare:
    cmd: cp data.csv prepared.csv
    deps: [data.csv]
    params: [prepare.test_size]
    outs: [prepared.csv]
  train:
    cmd: cat prepared.csv params.yaml > model.txt
    deps: [prepared.csv]
    params: [train.C]
    outs: [model.txt]
  evaluate:
    cmd: cat prepared.csv model.txt > metrics.txt
    deps: [prepared.csv, model.txt]
    outs: [metrics.txt]
"""
PARAMS = "prepare:\n  test_size: 0.2\ntrain:\n  C: {c}\n"


@cache
def _dvc_story() -> dict[str, Any]:
    """One throwaway DVC repository (no git): a file added, a pipeline run, a parameter
    changed, a second version added and the first restored from its .dvc file."""
    pytest.importorskip("dvc")
    from dvc.repo import Repo

    before, saved_env = Path.cwd(), dict(os.environ)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        try:
            # DVC's per-machine cache (by default under /var/tmp) and telemetry stay out.
            os.environ["DVC_SITE_CACHE_DIR"] = str(root / "site-cache")
            os.environ["DVC_NO_ANALYTICS"] = "1"
            os.chdir(root)
            repo = Repo.init(str(root), no_scm=True)
            cache_dir = root / ".dvc" / "cache" / "files" / "md5"
            (root / "data.csv").write_text("hello\n", encoding="utf-8")
            repo.add("data.csv")
            stored = sorted(p.relative_to(cache_dir).as_posix() for p in cache_dir.rglob("*"))
            md5 = hashlib.md5(b"hello\n").hexdigest()
            version_1 = (root / "data.csv.dvc").read_text(encoding="utf-8")

            (root / "params.yaml").write_text(PARAMS.format(c=1.0), encoding="utf-8")
            (root / "dvc.yaml").write_text(DVC_YAML, encoding="utf-8")
            first = [stage.name for stage in repo.reproduce()]
            again = [stage.name for stage in repo.reproduce()]
            (root / "params.yaml").write_text(PARAMS.format(c=2.0), encoding="utf-8")
            changed = [stage.name for stage in repo.reproduce()]

            (root / "data.csv").write_text("hello\nworld\n", encoding="utf-8")
            repo.add("data.csv")
            (root / "data.csv.dvc").write_text(version_1, encoding="utf-8")
            repo.checkout(force=True)
            cached = [p.read_text(encoding="utf-8") for p in cache_dir.rglob("*") if p.is_file()]
            restored = (root / "data.csv").read_text(encoding="utf-8")
        finally:
            os.chdir(before)
            os.environ.clear()
            os.environ.update(saved_env)
    cache_paths = [s for s in stored if "/" in s]
    assert cache_paths == [f"{md5[:2]}/{md5[2:]}"]
    assert first == ["prepare", "train", "evaluate"] and again == []
    contents = {"hello\n": 1, "hello\nworld\n": 2}  # the two versions of data.csv
    return {
        "md5": md5,
        "cache_path": cache_paths[0],
        "changed": changed,
        "versions": sum(text in contents for text in set(cached)),
        "restored": contents[restored],
    }


def _cache_path() -> str:
    story = _dvc_story()
    named_in_prompt("m06-dvc-cache-path", story["md5"], ".dvc/cache/files/md5")
    return str(story["cache_path"])


def _repro_stages() -> list[str]:
    named_in_prompt("m06-dvc-repro-stages", "train.C", "prepare", "train", "evaluate")
    return list(_dvc_story()["changed"])


def _restored_version() -> tuple[int, int]:
    named_in_prompt("m06-dvc-restore-version", "git checkout HEAD~1 -- data.csv.dvc")
    story = _dvc_story()
    return story["versions"], story["restored"]


RECOMPUTE: dict[str, Callable[[], Any]] = {
    "m02-bootstrap-percentile": _bootstrap_below,
    "m02-permutation-p-value": _permutation_p,
    "m02-ab-sample-size": _sample_size,
    "m06-dvc-cache-path": _cache_path,
    "m06-dvc-repro-stages": _repro_stages,
    "m06-dvc-restore-version": _restored_version,
}


@pytest.mark.parametrize("card_id", sorted(RECOMPUTE))
def test_answer_matches_an_independent_computation(card_id: str) -> None:
    c = card(card_id)
    value = RECOMPUTE[card_id]()
    typed = repr(value)
    assert judge(c, typed).correct, f"{card_id}: the card says {c.answer}, recomputed {typed}"
    if isinstance(c, NumberCard):  # and the tolerance does not let everything through
        assert not judge(c, repr(value * 1.5 + 1)).correct
