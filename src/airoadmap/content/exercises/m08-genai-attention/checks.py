"""Checks of m08-genai-attention: attention from scratch, and a character-level GPT.

Part 1 is compared with torch's own implementations given the same inputs and weights, in
float64: `F.scaled_dot_product_attention`, `nn.MultiheadAttention` and
`nn.TransformerEncoderLayer(norm_first=True)`; the outputs and the gradients (of the inputs
and of every parameter) must agree. A `TorchFunctionMode` records every torch function the
learner's attention, blocks and GPT call, so that a call of torch's attention kernels fails.

Part 2: the tokenizer, the batches, the GPT's shapes and causality, the sampler (its
frequencies over many seeded draws against the probabilities computed here) and `generate`
(with a model of the checks' own whose next token is known) are cheap. The bar trains the
learner's GPT once, with the learner's Config, on the first 90% of the corpus (the briefs of
months 1 to 7, read here from the package), and compares its loss on the last 10% with a
bigram model counted here on the same training text. The corpus files are fenced off while
the learner's code runs: it learns only from the token ids `train` receives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import numpy as np

from airoadmap.curriculum.paths import content_root
from airoadmap.errors import GradingError
from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_equal,
    expect_raises,
    fail,
)
from airoadmap.grading.kit import fence

try:
    import torch
    from torch import Tensor, nn
    from torch.nn import functional as F
except ImportError as exc:  # pragma: no cover - torch is a dependency of the month
    raise GradingError(
        "m08-genai-attention's checks need torch: pip install torch==2.13.0"
    ) from exc

MODULE = "gpt"
DOUBLE = torch.float64

# Part 1 is compared in float64. A correct implementation agrees with torch's to about 1e-15;
# the tolerance leaves room for a constant computed in float32 (e.g. sqrt(E) as a tensor).
RTOL, ATOL = 1e-6, 1e-9

# torch's attention kernels: a torch function whose name contains one of these is not "from
# scratch" (F.scaled_dot_product_attention and its aten variants, the function behind
# nn.MultiheadAttention, the fused encoder layer).
KERNELS = ("scaled_dot_product", "multi_head_attention", "transformer_encoder_layer")
TORCH_MODULES = (
    nn.MultiheadAttention,
    nn.Transformer,
    nn.TransformerEncoder,
    nn.TransformerDecoder,
    nn.TransformerEncoderLayer,
    nn.TransformerDecoderLayer,
)

# The corpus: the briefs of months 1 to 7, in the order of their exercise ids, joined by a
# newline; the first TRAIN_FRACTION of the characters train, the rest validate.
CORPUS_GLOB = "m0[1-7]-*/brief.md"
TRAIN_FRACTION = 0.9
# The bigram baseline's add-alpha smoothing: the best of 0.01, 0.1, 0.5 and 1 on the
# validation text (2.687 nats for 0.1 against 2.705 for add-one), so the baseline is generous.
BIGRAM_ALPHA = 0.1

# The sampler's check: draws per row of logits, and how far a frequency may stray from its
# probability in standard errors. A correct sampler strays that far with probability 6e-7 per
# token; the draws are seeded, so the verdict is the same on every run.
DRAWS = 10_000
SIGMAS = 5.0
LOGITS = (1.2, -0.3, 0.8, 2.0, 0.1, -1.5, 0.5, 1.6)
SAMPLER_CASES = ((1.0, None), (0.5, 3), (2.0, 5), (0.8, 1), (1.5, 20))  # 20 > 8: all

# A tiny model for the cheap GPT checks, and tiny trainings for train()'s own check.
TINY = {"block_size": 8, "embed_dim": 16, "num_heads": 2, "num_layers": 2}
TINY_TRAIN = {**TINY, "num_layers": 1, "batch_size": 4, "seed": 3}
TINY_VOCAB = 11
RESEED = 4  # another seed than TINY_TRAIN's


# --- loading the learner's code, with the corpus fenced off --------------------------------


@cache
def _briefs() -> tuple[Path, ...]:
    briefs = tuple(sorted((content_root() / "exercises").glob(CORPUS_GLOB)))
    if not briefs:
        raise GradingError(f"m08-genai-attention found no {CORPUS_GLOB} in the package content.")
    return briefs


@contextmanager
def _learner_code(what: str) -> Iterator[None]:
    """Run the learner's code with the corpus's files out of reach (kit/fence.py): a read
    fails the check, even when the learner's code caught the refusal."""
    with fence.closed(folders=[brief.parent for brief in _briefs()]) as opened:
        try:
            yield
        except fence.DataFenceError:
            pass  # reported below, with what the code was doing
        finally:
            if opened:
                fail(
                    f"{MODULE}.py read the corpus itself ({opened[0]}) while {what}. The "
                    "validation text must never reach training: train() learns only from the "
                    "ids it receives, and the checks keep the validation part. Read the briefs "
                    'only under `if __name__ == "__main__":`.'
                )


def _module(ctx: Context, *names: str) -> ModuleType:
    """The learner's module (imported with the corpus fenced off), which must define names."""
    module: Any = None
    with _learner_code("being imported"):
        module = ctx.load(MODULE)
    for name in names:
        if getattr(module, name, None) is None:
            fail(f"{MODULE}.py defines no {name}: keep the names of the starter.")
    return module


def _config(module: ModuleType, **changes: Any) -> Any:
    """The learner's Config() with `changes`."""
    config_class: Any = getattr(module, "Config", None)
    if not (isinstance(config_class, type) and dataclasses.is_dataclass(config_class)):
        fail(f"{MODULE}.py defines no dataclass Config: keep the starter's.")
    try:
        return dataclasses.replace(config_class(), **changes)
    except TypeError as exc:
        fail(f"Config() does not take the starter's fields ({exc}): keep them.")


def _grads(loss: Tensor, tensors: dict[str, Tensor]) -> dict[str, np.ndarray[Any, Any]]:
    """The gradient of `loss` with respect to each tensor, as arrays (zeros where unused)."""
    found = torch.autograd.grad(loss, list(tensors.values()), allow_unused=True)
    return {
        name: (torch.zeros_like(t) if g is None else g).detach().numpy()
        for (name, t), g in zip(tensors.items(), found, strict=True)
    }


# --- part 1: scaled dot-product attention ---------------------------------------------------

# (query shape, key shape, value features, is_causal, mask): the mask's shape, or None.
ATTENTION_CASES: tuple[tuple[tuple[int, ...], tuple[int, ...], int, bool, Any], ...] = (
    ((2, 3, 5, 4), (2, 3, 5, 4), 4, False, None),
    ((2, 3, 5, 4), (2, 3, 5, 4), 6, True, None),
    ((4, 3), (6, 3), 2, False, None),
    ((2, 4, 3), (2, 6, 3), 5, True, None),
    ((2, 6, 3), (2, 4, 3), 2, True, None),
    ((2, 2, 5, 4), (2, 2, 5, 4), 3, False, (5, 5)),
    ((3, 6, 4), (3, 7, 4), 4, False, (3, 6, 7)),
)


def _mask(shape: tuple[int, ...], generator: torch.Generator) -> Tensor:
    """A random boolean mask (True: may attend) that lets every query see at least one key."""
    mask = torch.rand(shape, generator=generator) > 0.4
    mask[..., 0] = True
    return mask


def _attention_inputs(
    case: tuple[tuple[int, ...], tuple[int, ...], int, bool, Any], seed: int
) -> tuple[dict[str, Tensor], Tensor | None, str]:
    q_shape, k_shape, features, causal, mask_shape = case
    generator = torch.Generator().manual_seed(seed)
    tensors = {
        "query": torch.randn(q_shape, generator=generator, dtype=DOUBLE),
        "key": torch.randn(k_shape, generator=generator, dtype=DOUBLE),
        "value": torch.randn(*k_shape[:-1], features, generator=generator, dtype=DOUBLE),
    }
    mask = None if mask_shape is None else _mask(mask_shape, generator)
    what = (
        f"scaled_dot_product_attention(q {q_shape}, k {k_shape}, v {(*k_shape[:-1], features)}"
        + (", is_causal=True" if causal else "")
        + (f", attn_mask {mask_shape}" if mask_shape else "")
        + ")"
    )
    return tensors, mask, what


def _attention_note(causal: bool, masked: bool) -> str:
    """What the case asks of the learner's attention, in a sentence or two."""
    note = "softmax(q @ k^T / sqrt(E)) @ v, E = q.shape[-1], the softmax over the keys."
    if causal:
        note += " is_causal: query i sees keys 0..i, torch.ones(L, S, dtype=torch.bool).tril()."
    if masked:
        note += " attn_mask is True where a query may attend."
    if causal or masked:
        note += " A masked score becomes -inf before the softmax."
    return note


def _options(mask: Tensor | None, causal: bool) -> dict[str, Any]:
    """The keyword arguments of a case: only those it sets (the defaults are tested too)."""
    options: dict[str, Any] = {} if mask is None else {"attn_mask": mask}
    return {**options, "is_causal": True} if causal else options


def _torch_attention(tensors: dict[str, Tensor], mask: Tensor | None, causal: bool) -> Tensor:
    """torch's own attention on the same inputs: the reference."""
    return F.scaled_dot_product_attention(
        tensors["query"], tensors["key"], tensors["value"], attn_mask=mask, is_causal=causal
    )


@check("scaled_dot_product_attention equals torch's, with masks and causal", hint="attention")
def attention_matches_torch(ctx: Context) -> None:
    module = _module(ctx, "scaled_dot_product_attention")
    for seed, case in enumerate(ATTENTION_CASES):
        tensors, mask, what = _attention_inputs(case, seed)
        causal = case[3]
        expected = _torch_attention(tensors, mask, causal)
        with torch.no_grad():
            result = module.scaled_dot_product_attention(
                *(t.clone() for t in tensors.values()), **_options(mask, causal)
            )
        expect(
            isinstance(result, Tensor),
            f"{what} returned {type(result).__name__}, expected a tensor (only the output, as "
            "F.scaled_dot_product_attention returns).",
        )
        expect_close(
            result.detach().numpy(),
            expected.numpy(),
            what=what,
            rtol=RTOL,
            atol=ATOL,
            note=_attention_note(causal, mask is not None),
        )


@check("scaled_dot_product_attention's gradients equal torch's", hint="attention")
def attention_gradients_match_torch(ctx: Context) -> None:
    module = _module(ctx, "scaled_dot_product_attention")
    for seed, case in enumerate(ATTENTION_CASES):
        tensors, mask, what = _attention_inputs(case, 100 + seed)
        causal = case[3]
        mine = {name: t.clone().requires_grad_() for name, t in tensors.items()}
        theirs = {name: t.clone().requires_grad_() for name, t in tensors.items()}
        expected = _torch_attention(theirs, mask, causal)
        weights = torch.randn(
            expected.shape, dtype=DOUBLE, generator=torch.Generator().manual_seed(seed)
        )
        result = module.scaled_dot_product_attention(*mine.values(), **_options(mask, causal))
        expect(
            isinstance(result, Tensor) and result.requires_grad,
            f"{what} returned a result without a gradient: compute it with differentiable "
            "tensor operations, outside torch.no_grad() and without .detach().",
        )
        found = _grads((result * weights).sum(), mine)
        wanted = _grads((expected * weights).sum(), theirs)
        for name in tensors:
            expect_close(
                found[name],
                wanted[name],
                what=f"the gradient of {name} in {what}",
                rtol=RTOL,
                atol=ATOL,
                note="Compute the weights with differentiable operations only (nothing "
                "detached); a masked score becomes -inf before the softmax, not after it.",
            )


@check("scaled_dot_product_attention rejects shapes that do not fit", hint="attention")
def attention_rejects_bad_shapes(ctx: Context) -> None:
    module = _module(ctx, "scaled_dot_product_attention")
    cases = (
        ((2, 5, 4), (2, 6, 3), (2, 6, 4), "query and key of different feature sizes"),
        ((2, 5, 4), (2, 6, 4), (2, 5, 4), "key and value of different lengths"),
    )
    for q, k, v, problem in cases:
        expect_raises(
            ValueError,
            module.scaled_dot_product_attention,
            torch.randn(q),
            torch.randn(k),
            torch.randn(v),
            call=f"scaled_dot_product_attention(query {q}, key {k}, value {v})",
            mentions_any=("shape", "size", "length"),
            problem=problem,
            note="Check query.shape[-1] == key.shape[-1] and key.shape[-2] == value.shape[-2] "
            "first, and raise ValueError with the shapes.",
        )


# --- part 1: multi-head attention -----------------------------------------------------------


def _parameter_shapes(model: nn.Module) -> dict[str, tuple[int, ...]]:
    return {name: tuple(p.shape) for name, p in model.named_parameters()}


LAYOUT_NOTE = (
    "in_proj_weight (3E, E) and in_proj_bias (3E,) as nn.Parameter, out_proj an "
    "nn.Linear(E, E); without bias, register_parameter('in_proj_bias', None) and "
    "nn.Linear(E, E, bias=False)."
)


def _expect_layout(mine: nn.Module, reference: nn.Module, call: str) -> None:
    """The parameters of `mine` are those of `reference`, by name and shape."""
    found, wanted = _parameter_shapes(mine), _parameter_shapes(reference)
    extra = sorted(set(found) - set(wanted))
    missing = sorted(set(wanted) - set(found))
    if extra or missing:
        problems = [f"has {extra}, which nn.MultiheadAttention has not"] if extra else []
        problems += [f"lacks {missing}"] if missing else []
        fail(f"{call} {' and '.join(problems)}: {LAYOUT_NOTE}")
    for name, shape in wanted.items():
        expect(
            found[name] == shape,
            f"{call}.{name} has shape {found[name]}, expected {shape}: {LAYOUT_NOTE}",
        )


@check("MultiHeadAttention has nn.MultiheadAttention's parameters", hint="multihead")
def mha_layout(ctx: Context) -> None:
    module = _module(ctx, "MultiHeadAttention")
    for embed_dim, heads, bias in ((8, 2, True), (6, 3, False)):
        call = f"MultiHeadAttention({embed_dim}, {heads}, bias={bias})"
        mine = module.MultiHeadAttention(embed_dim, heads, bias=bias)
        expect(isinstance(mine, nn.Module), f"{call} is not an nn.Module.")
        reference = nn.MultiheadAttention(embed_dim, heads, bias=bias, batch_first=True)
        _expect_layout(mine, reference, call)
    _expect_layout(
        module.MultiHeadAttention(8, 2),
        nn.MultiheadAttention(8, 2, batch_first=True),
        "MultiHeadAttention(8, 2) (bias=True is the default)",
    )
    expect_raises(
        ValueError,
        module.MultiHeadAttention,
        10,
        3,
        call="MultiHeadAttention(10, 3)",
        mentions_any=("divisible", "divide", "heads"),
        problem="an embed_dim the heads cannot share",
    )


def _mha_pair(
    module: ModuleType, embed_dim: int, heads: int, bias: bool, seed: int
) -> tuple[nn.Module, nn.MultiheadAttention]:
    """(the learner's MultiHeadAttention, nn.MultiheadAttention), float64, same weights."""
    torch.manual_seed(seed)
    reference = nn.MultiheadAttention(embed_dim, heads, bias=bias, batch_first=True, dtype=DOUBLE)
    with torch.no_grad():  # non-zero biases, so that a bias used in the wrong place shows
        for name, parameter in reference.named_parameters():
            if "bias" in name:
                parameter.uniform_(-0.5, 0.5)
    mine = module.MultiHeadAttention(embed_dim, heads, bias=bias).double()
    try:
        mine.load_state_dict(reference.state_dict())
    except (RuntimeError, KeyError) as exc:
        fail(
            f"MultiHeadAttention({embed_dim}, {heads}, bias={bias}) cannot take the weights of "
            f"nn.MultiheadAttention ({' '.join(str(exc).split())[:160]}): make the layout "
            "check pass first."
        )
    return mine, reference


@check("MultiHeadAttention's outputs and gradients equal nn.MultiheadAttention's",
       hint="multihead")  # fmt: skip
def mha_matches_torch(ctx: Context) -> None:
    module = _module(ctx, "MultiHeadAttention")
    cases = (
        (8, 2, 3, 5, True, True),
        (8, 4, 2, 6, False, True),
        (6, 3, 1, 4, True, False),
        (4, 1, 2, 3, False, True),
    )
    for seed, (embed_dim, heads, batch, length, causal, bias) in enumerate(cases):
        mine, reference = _mha_pair(module, embed_dim, heads, bias, seed)
        generator = torch.Generator().manual_seed(200 + seed)
        x = torch.randn(batch, length, embed_dim, generator=generator, dtype=DOUBLE)
        weights = torch.randn(batch, length, embed_dim, generator=generator, dtype=DOUBLE)
        x_mine, x_ref = x.clone().requires_grad_(), x.clone().requires_grad_()
        mask = torch.ones(length, length, dtype=torch.bool).triu(1) if causal else None
        expected = reference(x_ref, x_ref, x_ref, attn_mask=mask, need_weights=False)[0]
        result = mine(x_mine, is_causal=True) if causal else mine(x_mine)
        what = f"MultiHeadAttention({embed_dim}, {heads}, bias={bias}) on x {tuple(x.shape)}" + (
            ", is_causal=True" if causal else ""
        )
        expect(
            isinstance(result, Tensor),
            f"{what} returned {type(result).__name__}, expected the output tensor "
            f"(batch, length, {embed_dim}).",
        )
        expect_close(
            result.detach().numpy(),
            expected.detach().numpy(),
            what=what,
            rtol=RTOL,
            atol=ATOL,
            note="q, k, v = F.linear(x, in_proj_weight, in_proj_bias).chunk(3, -1); head h "
            "takes features h*d .. (h+1)*d - 1 of each (d = E // num_heads); attend per "
            "head, put the heads side by side, apply out_proj.",
        )
        found = _grads((result * weights).sum(), {"x": x_mine, **dict(mine.named_parameters())})
        wanted = _grads(
            (expected * weights).sum(), {"x": x_ref, **dict(reference.named_parameters())}
        )
        for name, gradient in wanted.items():
            expect_close(
                found[name],
                gradient,
                what=f"the gradient of {name} in {what}",
                rtol=RTOL,
                atol=ATOL,
            )


# --- part 1: the transformer block ----------------------------------------------------------


@check("Block equals nn.TransformerEncoderLayer(norm_first=True) with a causal mask",
       hint="block")  # fmt: skip
def block_matches_torch(ctx: Context) -> None:
    module = _module(ctx, "Block")
    for seed, (embed_dim, heads, batch, length) in enumerate(((8, 2, 2, 5), (12, 3, 3, 4))):
        torch.manual_seed(300 + seed)
        reference = nn.TransformerEncoderLayer(
            embed_dim,
            heads,
            dim_feedforward=4 * embed_dim,
            dropout=0.0,
            activation="gelu",
            batch_first=True,
            norm_first=True,
            dtype=DOUBLE,
        )
        with torch.no_grad():  # layer norms and biases that are not 1 and 0 at the start
            for name, parameter in reference.named_parameters():
                if name.startswith("norm") and name.endswith("weight"):
                    parameter.uniform_(0.5, 1.5)
                elif "bias" in name:
                    parameter.uniform_(-0.5, 0.5)
        block = module.Block(embed_dim, heads).double()
        call = f"Block({embed_dim}, {heads})"
        try:
            block.load_state_dict(reference.state_dict())
        except (RuntimeError, KeyError) as exc:
            fail(
                f"{call} cannot take the weights of nn.TransformerEncoderLayer "
                f"({' '.join(str(exc).split())[:200]}): name its parts as it does: norm1, "
                "self_attn (your MultiHeadAttention), norm2, linear1 (E -> 4E), linear2 "
                "(4E -> E)."
            )
        generator = torch.Generator().manual_seed(310 + seed)
        x = torch.randn(batch, length, embed_dim, generator=generator, dtype=DOUBLE)
        weights = torch.randn(batch, length, embed_dim, generator=generator, dtype=DOUBLE)
        x_mine, x_ref = x.clone().requires_grad_(), x.clone().requires_grad_()
        mask = torch.ones(length, length, dtype=torch.bool).triu(1)
        expected = reference(x_ref, src_mask=mask, is_causal=True)
        result = block(x_mine)
        what = f"{call} on x {tuple(x.shape)}"
        expect(
            isinstance(result, Tensor),
            f"{what} returned {type(result).__name__}, expected a tensor of x's shape.",
        )
        expect_close(
            result.detach().numpy(),
            expected.detach().numpy(),
            what=what,
            rtol=RTOL,
            atol=ATOL,
            note="Pre-norm and causal: x = x + self_attn(norm1(x), is_causal=True), then "
            "x + linear2(gelu(linear1(norm2(x)))) (the exact GELU, F.gelu's default).",
        )
        found = _grads((result * weights).sum(), {"x": x_mine, **dict(block.named_parameters())})
        wanted = _grads(
            (expected * weights).sum(), {"x": x_ref, **dict(reference.named_parameters())}
        )
        for name, gradient in wanted.items():
            expect_close(
                found[name],
                gradient,
                what=f"the gradient of {name} in {what}",
                rtol=RTOL,
                atol=ATOL,
            )


# --- part 1: from scratch -------------------------------------------------------------------


@contextmanager
def _recorded() -> Iterator[list[str]]:
    """The names of the torch functions called inside the block."""
    from torch.overrides import TorchFunctionMode

    seen: list[str] = []

    class Recorder(TorchFunctionMode):
        def __torch_function__(
            self, func: Any, types: Any, args: Any = (), kwargs: Any = None
        ) -> Any:
            seen.append(str(getattr(func, "__name__", func)))
            return func(*args, **(kwargs or {}))

    with Recorder():
        yield seen


@check("attention, MultiHeadAttention, Block and GPT use no attention kernel of torch's",
       hint="attention")  # fmt: skip
def attention_from_scratch(ctx: Context) -> None:
    module = _module(ctx, "scaled_dot_product_attention", "MultiHeadAttention", "Block", "GPT")
    torch.manual_seed(400)
    mha = module.MultiHeadAttention(8, 2)
    block = module.Block(8, 2)
    model = module.GPT(TINY_VOCAB, _config(module, **TINY))
    for name, part in (("MultiHeadAttention", mha), ("Block", block), ("GPT", model)):
        inner = [type(m).__name__ for m in part.modules() if isinstance(m, TORCH_MODULES)]
        expect(
            not inner,
            f"{name} holds an nn.{inner[0] if inner else ''}: write the attention yourself, "
            "with your own MultiHeadAttention and Block.",
        )
    x = torch.randn(2, 5, 8)
    with _recorded() as seen:
        module.scaled_dot_product_attention(x, x, x, is_causal=True)
        mha(x, is_causal=True)
        block(x)
        model(torch.randint(TINY_VOCAB, (2, 6)))
    used = sorted({name for name in seen if any(k in name for k in KERNELS)})
    expect(
        not used,
        f"Your attention called torch's {used[0] if used else ''}: this exercise writes it "
        "with tensor operations (@, torch.softmax, masked_fill), without "
        "F.scaled_dot_product_attention or nn.MultiheadAttention.",
    )


# --- part 2: tokens and batches -------------------------------------------------------------


@check("CharTokenizer numbers the sorted characters; decode undoes encode", hint="tokens")
def tokenizer(ctx: Context) -> None:
    module = _module(ctx, "CharTokenizer")
    text = "the cat sat on the mat,\nthe dog — über alles!"
    vocab = sorted(set(text))
    tok = module.CharTokenizer(text)
    found = list(tok.vocab)
    expect(
        found == vocab,
        f"CharTokenizer(text).vocab begins {''.join(map(str, found[:10]))!r} ({len(found)} "
        f"entries), expected {''.join(vocab[:10])!r} ({len(vocab)}): every distinct character "
        "of the text once, sorted: sorted(set(text)).",
    )
    expect_equal(tok.vocab_size, len(vocab), call="CharTokenizer(...).vocab_size")
    sample = "a cat, über"
    expect_equal(
        list(tok.encode(sample)),
        [vocab.index(c) for c in sample],
        call=f"encode({sample!r})",
        note="The token of a character is its position in the sorted vocabulary.",
    )
    ids = [vocab.index(c) for c in "the dog!\n"]
    for given, shown in ((ids, "a list"), (torch.tensor(ids), "a tensor")):
        expect_equal(
            tok.decode(given),
            "the dog!\n",
            call=f"decode({shown} of the ids of 'the dog!\\n')",
            note="decode joins the characters of the ids, given as a list or a 1-D tensor.",
        )
    expect_raises(
        ValueError,
        tok.encode,
        "the fox",
        call="encode('the fox') with a vocabulary without 'f' and 'x'",
        mentions_any=("vocab", "unknown", "character", "'f'"),
        problem="a character outside the vocabulary",
    )


@check("get_batch draws uniform windows and their next tokens, seeded", hint="tokens")
def get_batch(ctx: Context) -> None:
    module = _module(ctx, "get_batch")
    ids = torch.arange(100, 112)  # each token tells its position: 100 + i
    block, batch = 4, 4000
    call = f"get_batch(ids of 12 tokens, block_size={block}, batch_size={batch}, generator)"
    x, y = module.get_batch(ids, block, batch, torch.Generator().manual_seed(5))
    expect(
        isinstance(x, Tensor) and isinstance(y, Tensor),
        f"{call} returned {type(x).__name__}, {type(y).__name__}: expected two tensors (x, y).",
    )
    expect(
        tuple(x.shape) == (batch, block) and tuple(y.shape) == (batch, block),
        f"{call} returned shapes {tuple(x.shape)} and {tuple(y.shape)}, expected "
        f"({batch}, {block}) each.",
    )
    starts = x[:, 0] - 100
    offsets = torch.arange(block)
    expect(
        bool((x == ids[0] + starts[:, None] + offsets).all()),
        f"{call}: a row of x is not a window of consecutive tokens ids[s : s + {block}].",
    )
    expect(
        bool((y == x + 1).all()),
        f"{call}: y is not x one token later: y's row is ids[s + 1 : s + {block} + 1], the "
        "token after each token of x.",
    )
    last = len(ids) - block - 1
    counts = torch.bincount(starts, minlength=last + 1).double()
    found = sorted(int(s) for s in torch.unique(starts))
    expect(
        found == list(range(last + 1)),
        f"{call}: the windows start at {found}, expected every start from 0 to {last} "
        f"(len(ids) - block_size - 1: the last window's target is the last token).",
    )
    share = 1.0 / (last + 1)
    worst = float((counts / batch - share).abs().max())
    tolerance = SIGMAS * np.sqrt(share * (1 - share) / batch)
    expect(
        worst <= tolerance,
        f"{call}: the starts are not uniform: a start's share strays {worst:.3f} from "
        f"{share:.3f} (more than {SIGMAS:g} standard errors): draw them with torch.randint.",
    )
    again, _ = module.get_batch(ids, block, batch, torch.Generator().manual_seed(5))
    other, _ = module.get_batch(ids, block, batch, torch.Generator().manual_seed(6))
    expect(
        bool(torch.equal(x, again)) and not bool(torch.equal(x, other)),
        f"{call}: the same generator seed must give the same batch, another seed another: "
        "draw with torch.randint(..., generator=generator).",
    )
    x, y = module.get_batch(ids, 6, 3, torch.Generator().manual_seed(7))
    expect(
        tuple(x.shape) == (3, 6) and tuple(y.shape) == (3, 6),
        f"get_batch(ids, block_size=6, batch_size=3) returned shapes {tuple(x.shape)} and "
        f"{tuple(y.shape)}, expected (3, 6) each.",
    )


# --- part 2: the GPT ------------------------------------------------------------------------


def _tiny_gpt(module: ModuleType, seed: int) -> Any:
    torch.manual_seed(seed)
    return module.GPT(TINY_VOCAB, _config(module, **TINY)).eval()


@check("GPT maps (batch, length) tokens to logits, with positions, at most block_size",
       hint="gpt")  # fmt: skip
def gpt_forward(ctx: Context) -> None:
    module = _module(ctx, "GPT", "Config")
    model = _tiny_gpt(module, 500)
    call = f"GPT({TINY_VOCAB}, Config(block_size={TINY['block_size']}, ...))"
    expect(isinstance(model, nn.Module), f"{call} is not an nn.Module.")
    expect(
        getattr(getattr(model, "config", None), "block_size", None) == TINY["block_size"],
        f"{call}.config.block_size is not {TINY['block_size']}: keep the Config the GPT was "
        "built with as self.config (generate reads block_size from it).",
    )
    generator = torch.Generator().manual_seed(501)
    for batch, length in ((3, TINY["block_size"]), (2, 5), (1, 1)):
        idx = torch.randint(TINY_VOCAB, (batch, length), generator=generator)
        with torch.no_grad():
            logits = model(idx)
        expect(
            isinstance(logits, Tensor) and tuple(logits.shape) == (batch, length, TINY_VOCAB),
            f"{call} on idx ({batch}, {length}) returned "
            f"{tuple(getattr(logits, 'shape', ())) or type(logits).__name__}, expected logits "
            f"of shape ({batch}, {length}, {TINY_VOCAB}): one per position and token.",
        )
    # One block: its last position attends to all three tokens, so without positions it sees
    # the same set of tokens in both orders (with more blocks, the causal mask leaks order).
    torch.manual_seed(502)
    one_block = module.GPT(TINY_VOCAB, _config(module, **{**TINY, "num_layers": 1})).eval()
    with torch.no_grad():
        swapped = one_block(torch.tensor([[1, 2, 3], [2, 1, 3]]))[:, -1]
    expect(
        not torch.allclose(swapped[0], swapped[1], rtol=0, atol=1e-6),
        "A GPT of one block gives the same logits after 'a b c' and 'b a c': without "
        "position embeddings, attention cannot tell the order of the tokens. Add "
        "self.position_embedding(torch.arange(length)) to the token embeddings.",
    )
    too_long = TINY["block_size"] + 1
    expect_raises(
        ValueError,
        model,
        torch.zeros(1, too_long, dtype=torch.long),
        call=f"{call} on idx (1, {too_long})",
        mentions_any=("block_size", "block size", "length", "context"),
        problem="a sequence longer than block_size",
    )


@check("GPT is causal: the logits at position t do not change when later tokens change",
       hint="gpt")  # fmt: skip
def gpt_is_causal(ctx: Context) -> None:
    module = _module(ctx, "GPT", "Config")
    model = _tiny_gpt(module, 510)
    generator = torch.Generator().manual_seed(511)
    idx = torch.randint(TINY_VOCAB, (2, TINY["block_size"]), generator=generator)
    cut = 5
    changed = idx.clone()
    changed[:, cut:] = (
        idx[:, cut:] + 1 + torch.randint(TINY_VOCAB - 1, (2, 3), generator=generator)
    ) % TINY_VOCAB
    with torch.no_grad():
        before, after = model(idx), model(changed)
    moved = (before[:, :cut] - after[:, :cut]).abs().amax(dim=(0, 2))
    if bool((moved > 1e-6).any()):
        t = int(torch.nonzero(moved > 1e-6)[0])
        fail(
            f"GPT's logits at position {t} changed when only the tokens from position {cut} on "
            "changed: the model looks ahead, so its training loss says nothing. Every "
            "attention in the GPT must be causal (is_causal=True in each Block)."
        )
    expect(
        not torch.allclose(before[:, cut], after[:, cut], rtol=0, atol=1e-6),
        f"GPT's logits at position {cut} stayed the same when the token at {cut} changed: "
        "each position must read its own token.",
    )


# --- part 2: sampling -----------------------------------------------------------------------


def _expected_probs(logits: Tensor, temperature: float, top_k: int | None) -> np.ndarray[Any, Any]:
    """softmax(logits / temperature) over the top_k largest logits (float64, computed here)."""
    values = np.asarray(logits, dtype=float) / temperature
    if top_k is not None:
        keep = np.argsort(values)[::-1][:top_k]
        masked = np.full_like(values, -np.inf)
        masked[keep] = values[keep]
        values = masked
    weights = np.exp(values - values.max())
    return weights / weights.sum()


def _judge_draws(draws: Tensor, probs: np.ndarray[Any, Any], what: str, where: str) -> None:
    """Fail unless `draws` (1-D tokens) have the frequencies `probs` (within SIGMAS
    standard errors), and no token of probability 0 was drawn."""
    n = len(draws)
    counts = np.bincount(draws.numpy(), minlength=len(probs)).astype(float)
    expect(
        len(counts) == len(probs),
        f"{what} drew token {int(draws.max())}, outside the vocabulary of {len(probs)}.",
    )
    banned = np.flatnonzero((probs == 0) & (counts > 0))
    expect(
        not banned.size,
        f"{what} drew token {banned[0] if banned.size else ''} {where}, which is not among the "
        "top_k largest logits: set the others to -inf before the softmax.",
    )
    freq = counts / n
    error = np.sqrt(probs * (1 - probs) / n)
    stray = np.abs(freq - probs) - SIGMAS * error
    if (stray > 0).any():
        i = int(np.argmax(stray))
        fail(
            f"{what} drew token {i} {where} with frequency {freq[i]:.4f} over {n} draws; its "
            f"probability is {probs[i]:.4f} (more than {SIGMAS:g} standard errors away). Divide "
            "the logits by the temperature, keep the top_k largest, then softmax and draw with "
            "torch.multinomial."
        )


@check("sample_next draws from softmax(logits / temperature) over the top_k", hint="sampling")
def sample_next_distribution(ctx: Context) -> None:
    module = _module(ctx, "sample_next")
    first = torch.tensor(LOGITS, dtype=torch.float32)
    second = first.flip(0)  # another row: each row is drawn from its own logits
    logits = torch.stack([first, second]).repeat(DRAWS, 1)  # rows alternate first, second
    for seed, (temperature, top_k) in enumerate(SAMPLER_CASES):
        what = f"sample_next(logits, temperature={temperature}, top_k={top_k})"
        generator = torch.Generator().manual_seed(600 + seed)
        if (temperature, top_k) == (1.0, None):  # the defaults
            drawn = module.sample_next(logits.clone(), generator=generator)
        else:
            drawn = module.sample_next(logits.clone(), temperature, top_k, generator)
        expect(
            isinstance(drawn, Tensor) and tuple(drawn.shape) == (2 * DRAWS,),
            f"{what} on logits ({2 * DRAWS}, {len(LOGITS)}) returned "
            f"{tuple(getattr(drawn, 'shape', ())) or type(drawn).__name__}, expected "
            f"({2 * DRAWS},): one token per row.",
        )
        drawn = drawn.long()
        for offset, (row, where) in enumerate(
            ((first, "from the even rows"), (second, "from the odd rows"))
        ):
            _judge_draws(drawn[offset::2], _expected_probs(row, temperature, top_k), what, where)


@check("sample_next is seeded by its generator and rejects a bad temperature or top_k",
       hint="sampling")  # fmt: skip
def sample_next_seeded_and_validated(ctx: Context) -> None:
    module = _module(ctx, "sample_next")
    logits = torch.tensor(LOGITS).repeat(500, 1)

    def draw(seed: int) -> Tensor:
        torch.rand(7)  # other draws of the global generator must not matter
        result: Tensor = module.sample_next(logits, 1.0, None, torch.Generator().manual_seed(seed))
        return result

    first, again, other = draw(700), draw(700), draw(701)
    expect(
        bool(torch.equal(first, again)) and not bool(torch.equal(first, other)),
        "sample_next with two generators seeded alike gave different tokens, or with another "
        "seed the same ones: draw with the generator it is given (torch.multinomial(probs, 1, "
        "generator=generator)).",
    )
    for temperature, top_k, problem in (
        (0.0, None, "temperature"),
        (-1.0, None, "temperature"),
        (1.0, 0, "top_k"),
    ):
        expect_raises(
            ValueError,
            module.sample_next,
            logits[:2],
            temperature,
            top_k,
            call=f"sample_next(logits, temperature={temperature}, top_k={top_k})",
            mentions_any=(problem,),
            problem=f"the {problem}",
        )


class _Counter(nn.Module):
    """A model of the checks': the next token is the last one plus 1 (mod vocab), with a
    large margin; it records every context it is given, and whether autograd was on."""

    def __init__(self, vocab: int, block_size: int) -> None:
        super().__init__()
        self.vocab = vocab
        self.config = SimpleNamespace(block_size=block_size)
        self.contexts: list[Tensor] = []
        self.grad_enabled: list[bool] = []

    def forward(self, idx: Tensor) -> Tensor:
        self.contexts.append(idx.clone())
        self.grad_enabled.append(torch.is_grad_enabled())
        logits = torch.zeros(*idx.shape, self.vocab)
        logits.scatter_(-1, ((idx + 1) % self.vocab)[..., None], 20.0)
        return logits


class _Fixed(nn.Module):
    """A model of the checks' whose logits are LOGITS at every position."""

    def __init__(self, block_size: int) -> None:
        super().__init__()
        self.config = SimpleNamespace(block_size=block_size)

    def forward(self, idx: Tensor) -> Tensor:
        return torch.tensor(LOGITS).expand(*idx.shape, len(LOGITS)).clone()


@check("generate feeds the last block_size tokens and samples with temperature and top_k",
       hint="sampling")  # fmt: skip
def generate(ctx: Context) -> None:
    module = _module(ctx, "generate")
    vocab, block, new = 5, 4, 6
    model = _Counter(vocab, block)
    start = torch.tensor([[0, 1, 2], [3, 3, 3]])
    call = f"generate(model, idx of shape (2, 3), {new}) with block_size {block}"
    out = module.generate(
        model, start.clone(), new, top_k=1, generator=torch.Generator().manual_seed(800)
    )
    expected = torch.tensor([[0, 1, 2, 3, 4, 0, 1, 2, 3], [3, 3, 3, 4, 0, 1, 2, 3, 4]])
    expect(
        isinstance(out, Tensor) and tuple(out.shape) == tuple(expected.shape),
        f"{call} returned {tuple(getattr(out, 'shape', ())) or type(out).__name__}, expected "
        f"{tuple(expected.shape)}: the given tokens followed by {new} new ones.",
    )
    expect(
        bool(torch.equal(out.long(), expected)),
        f"{call} with top_k=1 returned {out.tolist()}, expected {expected.tolist()}: a model "
        "whose next token is always the last one plus 1; each new token comes from the logits "
        "at the last position, model(idx)[:, -1, :].",
    )
    expect(
        len(model.contexts) == new,
        f"{call} called the model {len(model.contexts)} times, expected once per new token.",
    )
    for step, context in enumerate(model.contexts):
        wanted = expected[:, max(0, 3 + step - block) : 3 + step]
        expect(
            tuple(context.shape) == tuple(wanted.shape) and bool(torch.equal(context, wanted)),
            f"{call}: at step {step + 1} the model was given {context.tolist()}, expected the "
            f"last block_size ({block}) tokens at most, {wanted.tolist()}: "
            "idx[:, -block_size:], with block_size = model.config.block_size.",
        )
    expect(
        not any(model.grad_enabled),
        f"{call} ran the model with autograd on: generating needs no gradients; decorate "
        "generate with @torch.no_grad() (else every step keeps a graph in memory).",
    )
    temperature, top_k = 0.7, 3
    rows = 2 * DRAWS
    fixed = _Fixed(block)
    out = module.generate(
        fixed,
        torch.zeros(rows, 1, dtype=torch.long),
        2,
        temperature,
        top_k,
        torch.Generator().manual_seed(801),
    )
    what = f"generate(model, idx ({rows}, 1), 2, temperature={temperature}, top_k={top_k})"
    expect(
        isinstance(out, Tensor) and tuple(out.shape) == (rows, 3),
        f"{what} returned {tuple(getattr(out, 'shape', ())) or type(out).__name__}, expected "
        f"({rows}, 3).",
    )
    probs = _expected_probs(torch.tensor(LOGITS), temperature, top_k)
    _judge_draws(out[:, 1:].reshape(-1).long(), probs, what, "as a new token")


# --- part 2: training -----------------------------------------------------------------------


def _weights(model: nn.Module) -> np.ndarray[Any, Any]:
    """Every parameter of `model`, flattened into one float64 vector."""
    return np.concatenate([p.detach().double().numpy().ravel() for p in model.parameters()])


@check("train follows its Config: steps, learning rate, seed; returns the GPT in eval mode",
       hint="training")  # fmt: skip
def train_follows_config(ctx: Context) -> None:
    module = _module(ctx, "train", "GPT", "Config", "get_batch")
    ids = torch.randint(TINY_VOCAB, (300,), generator=torch.Generator().manual_seed(900))
    batches: list[tuple[int, ...]] = []  # the shape of every x that get_batch gave train
    get_batch = module.get_batch

    def spy(*args: Any, **kwargs: Any) -> Any:
        drawn = get_batch(*args, **kwargs)
        batches.append(tuple(drawn[0].shape))
        return drawn

    def train(**changes: Any) -> Any:
        config = _config(module, **{**TINY_TRAIN, **changes})
        torch.rand(5)  # other draws of the global generator must not matter
        batches.clear()
        model: Any = None
        setattr(module, "get_batch", spy)  # noqa: B010 (a module's attribute, replaced)
        try:
            with _learner_code("train() ran"):
                model = module.train(ids.clone(), TINY_VOCAB, config)
        finally:
            setattr(module, "get_batch", get_batch)  # noqa: B010
        return model

    still = train(steps=1, learning_rate=0.0)
    expect(
        isinstance(still, module.GPT),
        f"train returned {type(still).__name__}, expected the GPT it trained.",
    )
    expect(
        not still.training,
        "train returned its GPT in training mode: return model.eval(), ready to evaluate.",
    )
    longer = train(steps=3, learning_rate=0.0)
    expect(
        bool(np.array_equal(_weights(still), _weights(longer))),
        "train with learning_rate=0.0 gave other weights after 3 steps than after 1: at a "
        "learning rate of 0 nothing is learnt, so the optimiser must take config.learning_rate, "
        "and the initial weights must be seeded with config.seed (torch.manual_seed).",
    )
    one = train(steps=1, learning_rate=0.01)
    expect(
        not np.array_equal(_weights(still), _weights(one)),
        "train with steps=1 and learning_rate=0.01 returned the weights it started from: take "
        "one optimiser step per config.steps.",
    )
    two = train(steps=2, learning_rate=0.01)
    wanted = (TINY_TRAIN["batch_size"], TINY_TRAIN["block_size"])
    expect(
        batches == [wanted, wanted],
        f"train with steps=2, batch_size={wanted[0]} and block_size={wanted[1]} drew the "
        f"batches {batches} from get_batch, expected two of shape {wanted}: one batch per step, "
        "get_batch(ids, config.block_size, config.batch_size, generator).",
    )
    two_again = train(steps=2, learning_rate=0.01)
    expect(
        not np.array_equal(_weights(one), _weights(two)),
        "train gave the same weights with steps=1 and steps=2: run config.steps steps.",
    )
    expect(
        bool(np.array_equal(_weights(two), _weights(two_again))),
        "Two runs of train with the same Config gave different weights: seed the initial "
        "weights (torch.manual_seed(config.seed)) and the batches (a torch.Generator seeded "
        "with config.seed for get_batch).",
    )
    reseeded = train(steps=2, learning_rate=0.01, seed=RESEED)
    expect(
        not np.array_equal(_weights(two), _weights(reseeded)),
        "train gave the same weights with two different seeds: take the seed from config.seed.",
    )


# --- part 2: the bar ------------------------------------------------------------------------


@cache
def _corpus_ids() -> tuple[Tensor, Tensor, int]:
    """(training ids, validation ids, vocabulary size) of the corpus, tokenised here."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in _briefs())
    vocab = sorted(set(text))
    index = {char: i for i, char in enumerate(vocab)}
    ids = torch.tensor([index[char] for char in text], dtype=torch.long)
    cut = int(TRAIN_FRACTION * len(ids))
    return ids[:cut], ids[cut:], len(vocab)


def _bigram_log_probs(ids: Tensor, vocab: int) -> Tensor:
    """log p(next | current), counted on `ids`, add-BIGRAM_ALPHA smoothing."""
    counts = torch.zeros(vocab, vocab, dtype=DOUBLE)
    counts.index_put_((ids[:-1], ids[1:]), torch.ones(len(ids) - 1, dtype=DOUBLE), accumulate=True)
    counts += BIGRAM_ALPHA
    return (counts / counts.sum(dim=1, keepdim=True)).log()


def _validation_windows(ids: Tensor, block: int) -> tuple[Tensor, Tensor]:
    """Consecutive windows of the validation ids: x (n, block) and the next tokens y."""
    n = (len(ids) - 1) // block
    return ids[: n * block].view(n, block), ids[1 : n * block + 1].view(n, block)


def _mean_loss(model: nn.Module, x: Tensor, y: Tensor) -> float:
    total = 0.0
    with torch.no_grad():
        for xs, ys in zip(x.split(128), y.split(128), strict=True):
            logits = model(xs)
            total += float(
                F.cross_entropy(logits.flatten(0, 1).double(), ys.flatten(), reduction="sum")
            )
    return total / y.numel()


@check("the GPT's validation loss beats the bigram model's by the bar", hint="training")
def gpt_beats_bigram(ctx: Context) -> None:
    module = _module(ctx, "train", "GPT", "Config")
    train_ids, validation_ids, vocab = _corpus_ids()
    config = _config(module)
    block = int(config.block_size)
    model: Any = None
    with _learner_code("train() ran"):
        model = module.train(train_ids.clone(), vocab, config)
    expect(
        isinstance(model, nn.Module),
        f"train returned {type(model).__name__}, expected the GPT it trained.",
    )
    x, y = _validation_windows(validation_ids, block)
    with torch.no_grad():
        changed = x[:2].clone()
        changed[:, block // 2 :] = (changed[:, block // 2 :] + 1) % vocab
        moved = (model(x[:2]) - model(changed))[:, : block // 2].abs().max()
    expect(
        float(moved) <= 1e-5,
        "The trained GPT's logits changed when only later tokens changed: it looks ahead, so "
        "its validation loss means nothing. Make gpt_is_causal pass first.",
    )
    bigram = ctx.record("val_loss_bigram", float(-_bigram_log_probs(train_ids, vocab)[x, y].mean()))
    loss = ctx.record("val_loss_gpt", _mean_loss(model, x, y))
    expect(
        bool(np.isfinite(loss)),
        f"The GPT's validation loss is {loss}: the training diverged (a learning rate too high?).",
    )
    expect_bar(ctx, "gain_over_bigram", bigram - loss)
