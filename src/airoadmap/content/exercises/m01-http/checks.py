"""Checks for m01-http: the learner's client against a scripted local API.

Each check starts a small HTTP server on 127.0.0.1 (a free port, in a thread: the check kit's
`service.serve_thread`) that plays a model registry: paged listings, a model that fails twice
before answering, one that is always down, one that answers too late, errors with JSON bodies,
a POST that needs an API key. The server logs every request it receives, so a message can
say what the client actually sent. Standard library only; the sandbox allows connections to
localhost and nothing else.
"""

from __future__ import annotations

import http.client
import http.server
import itertools
import json
import reprlib
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from airoadmap.grading.api import Context, check, expect, expect_equal, fail
from airoadmap.grading.kit import service

MODULE = "client"
PREFIX = "/api/v1"
API_KEY = "test-key"
SLOW_S = 1.0  # how long the slow model takes to answer

_short = reprlib.Repr()
_short.maxlist = _short.maxdict = 4
_short.maxstring = _short.maxother = 120
_short.maxlevel = 3

MODELS: list[dict[str, Any]] = [
    {"name": "bert-tiny", "task": "text-classification", "metrics": {"accuracy": 0.81}},
    {"name": "distilbert-sst2", "task": "text-classification", "metrics": {"accuracy": 0.91}},
    {"name": "resnet-18", "task": "image-classification", "metrics": {"top1": 0.7}},
    {"name": "roberta-emotion", "task": "text-classification", "metrics": {"f1": 0.79}},
    {"name": "vit-base", "task": "image-classification", "metrics": {"top1": 0.81}},
    {"name": "bert-ner", "task": "token-classification", "metrics": {"f1": 0.92}},
    {"name": "café-bert", "task": "text-classification", "metrics": {"accuracy": 0.77}},
    {"name": "team/bert base", "task": "fill-mask", "metrics": {"perplexity": 4.2}},
    {"name": "minilm-intent", "task": "text-classification", "metrics": {"accuracy": 0.88}},
]


# -- the fake registry -------------------------------------------------------------------------


class Seen:
    """One request as the server received it."""

    def __init__(
        self, method: str, target: str, headers: dict[str, str], body: bytes, at: float
    ) -> None:
        self.method = method
        self.target = target  # the raw path and query, as sent
        self.headers = headers  # names lowercased
        self.body = body
        self.at = at  # time.monotonic()

    def __str__(self) -> str:
        return f"{self.method} {self.target}"


class Registry:
    """The API's state and script. Handlers run in server threads: a lock guards the state.

    (Plain classes, no dataclasses: a checks module may be imported without being registered
    in sys.modules, which dataclasses need.)
    """

    def __init__(self) -> None:
        self.origin = ""  # "http://127.0.0.1:PORT", set once the server listens
        self.models: dict[str, dict[str, Any]] = {}
        for model in MODELS:
            self.models[model["name"]] = {"id": len(self.models) + 1, **model}
        self.failures: dict[str, list[int]] = {"flaky-model": [500, 503]}  # then it answers
        self.log: list[Seen] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def seen(self, method: str | None = None, contains: str = "") -> list[Seen]:
        with self.lock:
            return [
                r
                for r in self.log
                if (method is None or r.method == method) and contains in r.target
            ]

    def last(self) -> str:
        with self.lock:
            return str(self.log[-1]) if self.log else "nothing"

    # Each handler returns (status, JSON payload or raw bytes).
    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Any:
        with self.lock:
            self.log.append(Seen(method, target, headers, body, time.monotonic()))
        parts = urllib.parse.urlsplit(target)
        path = parts.path
        if path == f"{PREFIX}/models":
            if method == "GET":
                return self._list(parts.query)
            if method == "POST":
                return self._create(headers, body)
            return 405, {"error": f"{method} is not allowed on {path}"}
        if path.startswith(f"{PREFIX}/models/") and method == "GET":
            segment = path[len(f"{PREFIX}/models/") :]
            if "/" in segment or not segment:
                return 404, {"error": f"no route {path}: quote the name as one path segment"}
            return self._get(urllib.parse.unquote(segment))
        return 404, {"error": f"no route {path}"}

    def _get(self, name: str) -> Any:
        with self.lock:
            script = self.failures.get(name)
            status = script.pop(0) if script else None
        if status is not None:
            return status, {"error": f"internal error while reading {name!r}, try again"}
        if name == "down-model":
            return 503, {"error": "the model store is down"}
        if name == "slow-model":
            self.stop.wait(SLOW_S)
            return 200, {"id": 99, "name": name, "task": "slow", "metrics": {}}
        if name == "secret-model":
            return 403, {"error": "you may not read secret-model"}
        if name == "html-model":
            return 200, b"<html><body>Gateway says hello</body></html>"
        if name == "flaky-model":  # its failures are used up: it answers now
            return 200, {"id": 98, "name": name, "task": "flaky", "metrics": {}}
        with self.lock:
            model = self.models.get(name)
        if model is None:
            return 404, {"error": f"no model {name!r}"}
        return 200, model

    def _list(self, query: str) -> Any:
        params = urllib.parse.parse_qs(query, keep_blank_values=True)
        unknown = sorted(set(params) - {"task", "search", "page_size", "page"})
        if unknown:
            return 400, {"error": f"unknown query parameter(s): {', '.join(unknown)}"}
        if any(len(values) > 1 for values in params.values()):
            return 400, {"error": "a query parameter was given twice"}
        one = {key: values[0] for key, values in params.items()}
        try:
            page_size = int(one.get("page_size", "50"))
            page = int(one.get("page", "1"))
        except ValueError:
            return 400, {"error": "page_size and page must be whole numbers"}
        if not (1 <= page_size <= 100 and page >= 1):
            return 400, {"error": "page_size must be 1..100 and page >= 1"}
        with self.lock:
            chosen = [
                m
                for m in self.models.values()
                if ("task" not in one or m["task"] == one["task"])
                and ("search" not in one or one["search"].lower() in m["name"].lower())
            ]
        start = (page - 1) * page_size
        items = chosen[start : start + page_size]
        following = None
        if start + page_size < len(chosen):
            query_next = urllib.parse.urlencode({**one, "page": page + 1})
            # The first page links with a path, later pages with a full URL: both happen.
            following = f"{PREFIX}/models?{query_next}"
            if page > 1:
                following = self.origin + following
        return 200, {"items": items, "next": following}

    def _create(self, headers: dict[str, str], body: bytes) -> Any:
        if headers.get("authorization") != f"Bearer {API_KEY}":
            return 401, {"error": "missing or wrong API key (send Authorization: Bearer <key>)"}
        kind = headers.get("content-type", "").split(";")[0].strip()
        if kind != "application/json":
            return 415, {"error": f"send JSON with Content-Type: application/json (got {kind!r})"}
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return 400, {"error": f"the body is not JSON: {body[:60]!r}"}
        if not (
            isinstance(payload, dict)
            and isinstance(payload.get("name"), str)
            and isinstance(payload.get("task"), str)
            and isinstance(payload.get("metrics", {}), dict)
        ):
            return 400, {"error": "expected {'name': str, 'task': str, 'metrics': {...}}"}
        name = payload["name"]
        if name == "crash-model":
            return 500, {"error": "the database fell over"}
        with self.lock:
            if name in self.models:
                return 409, {"error": f"model {name!r} already exists"}
            model = {
                "id": len(self.models) + 1,
                "name": name,
                "task": payload["task"],
                "metrics": payload.get("metrics", {}),
            }
            self.models[name] = model
        return 201, model


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, payload = self.server.registry.handle(self.command, self.path, headers, body)
        if isinstance(payload, bytes):
            data, kind = payload, "text/html"
        else:
            data, kind = json.dumps(payload).encode("utf-8"), "application/json"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: stderr belongs to the learner's prints


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, registry: Registry) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.registry = registry

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (a timeout) makes the late reply fail: that is expected


@contextmanager
def _serve() -> Iterator[tuple[Registry, str]]:
    """A fresh registry on a free local port; yields it and its base URL."""
    registry = Registry()
    with service.serve_thread(_Server(registry)) as origin:
        registry.origin = origin
        try:
            yield registry, origin + PREFIX
        finally:
            registry.stop.set()  # wake the slow handler before the server shuts down


# -- helpers -----------------------------------------------------------------------------------


def _call(registry: Registry, func: Callable[..., Any], *args: Any, call: str, **kw: Any) -> Any:
    """Call the learner's client where the contract promises a result."""
    try:
        return func(*args, **kw)
    except NotImplementedError:
        raise
    except Exception as err:
        fail(f"{call} raised {_error(err)}. {_diagnose(registry, err)}".rstrip())


def _raises(
    registry: Registry,
    expected: type[BaseException],
    func: Callable[..., Any],
    *args: Any,
    call: str,
    note: str = "",
) -> Any:
    """Call the learner's client; fail unless it raises `expected`."""
    try:
        result = func(*args)
    except NotImplementedError:
        raise
    except expected as err:
        return err
    except Exception as err:
        fail(
            f"{call} raised {_error(err)}, expected {expected.__name__}. {note} "
            f"{_diagnose(registry, err)}".strip()
        )
    fail(
        f"{call} returned {_short.repr(result)}, expected {expected.__name__}. {note} "
        f"The server last received {registry.last()}.".strip()
    )


def _error(err: BaseException) -> str:
    return f"{type(err).__name__}({_short.repr(str(err))[1:-1]})"


def _diagnose(registry: Registry, err: BaseException) -> str:
    """What the server saw, and the likely mistake behind `err`."""
    seen = registry.seen()
    if isinstance(err, ValueError) and "unknown url type" in str(err):
        return (
            "urlopen needs a full URL, and a 'next' link may be a path: resolve it against "
            "the URL of the page you just read, urllib.parse.urljoin(url, next)."
        )
    if isinstance(err, http.client.InvalidURL | UnicodeEncodeError):
        return (
            "A URL cannot hold spaces or non-ASCII text as they are: build the query with "
            "urllib.parse.urlencode(params) and quote path parts with urllib.parse.quote."
        )
    if not seen:
        return "The server received no request at all."
    last = seen[-1]
    path = urllib.parse.urlsplit(last.target).path
    models = f"{PREFIX}/models/"
    if path.startswith(models) and "/" in path[len(models) :]:
        return (
            f"The server received {last}: the name's '/' split it into two path segments. "
            "Quote it whole: urllib.parse.quote(name, safe='')."
        )
    if "//" in path:
        return (
            f"The server received {last}: base_url ended with '/' and the path began with "
            "one. Strip the trailing '/' (base_url.rstrip('/')) before adding the path."
        )
    if not path.startswith(PREFIX + "/"):
        return (
            f"The server received {last}: the {PREFIX} of base_url was lost (urljoin with a "
            "path starting with '/' replaces the base's path). Join strings: base_url + path."
        )
    if "task=None" in last.target or "search=None" in last.target:
        return f"The server received {last}: leave out the parameters that are None."
    return f"The server last received {last}."


def _route_ok(registry: Registry) -> None:
    """Fail with the likely mistake if the last request went to a path the API lacks."""
    seen = registry.seen()
    path = urllib.parse.urlsplit(seen[-1].target).path if seen else ""
    if "//" in path or not path.startswith(PREFIX + "/"):
        fail(_diagnose(registry, RuntimeError()))


def _client(module: ModuleType, base: str, **options: Any) -> Any:
    return module.RegistryClient(base, **options)


def _gaps(requests: list[Any]) -> list[float]:
    return [round(b.at - a.at, 3) for a, b in itertools.pairwise(requests)]


# -- the checks --------------------------------------------------------------------------------


@check("get_model reads one model as a dict, quoting its name in the URL", hint="get")
def check_get_model(ctx: Context) -> None:
    c = ctx.load(MODULE)
    with _serve() as (registry, base):
        client = _client(c, base)
        call = "get_model('bert-tiny')"
        model = _call(registry, client.get_model, "bert-tiny", call=call)
        expect_equal(model, registry.models["bert-tiny"], call=call)
        sent = registry.seen("GET")
        expect(
            len(sent) == 1 and sent[0].target == f"{PREFIX}/models/bert-tiny",
            f"{call} sent {[str(s) for s in sent]}, expected one GET {PREFIX}/models/bert-tiny.",
        )
        for name, raw in (
            ("café-bert", "caf%C3%A9-bert"),
            ("team/bert base", "team%2Fbert%20base"),
        ):
            call = f"get_model({name!r})"
            model = _call(registry, client.get_model, name, call=call)
            expect_equal(model, registry.models[name], call=call)
            target = registry.seen("GET")[-1].target
            expect(
                target == f"{PREFIX}/models/{raw}",
                f"{call} requested {target}, expected {PREFIX}/models/{raw}: quote the name "
                "as one path segment, urllib.parse.quote(name, safe='').",
            )

        slash = _client(c, base + "/")
        call = f"RegistryClient('{base}/').get_model('vit-base') (base_url ends with '/')"
        expect_equal(
            _call(registry, slash.get_model, "vit-base", call=call),
            registry.models["vit-base"],
            call=call,
        )


@check("HTTP errors become ApiError subclasses; 4xx are not retried", hint="errors")
def check_errors(ctx: Context) -> None:
    c = ctx.load(MODULE)
    for name in ("NotFoundError", "ServerError", "ApiTimeoutError"):
        expect(
            issubclass(getattr(c, name), c.ApiError),
            f"{name} should be a subclass of ApiError (as in the starter).",
        )
    with _serve() as (registry, base):
        client = _client(c, base, retries=3, backoff=0.01)
        call = "get_model('nope') (the server answers 404)"
        err = _raises(registry, c.NotFoundError, client.get_model, "nope", call=call)
        _route_ok(registry)
        expect_equal(getattr(err, "status", None), 404, call=f"the .status of the error of {call}")
        expect(
            "no model 'nope'" in str(err),
            f"{call} raised NotFoundError({str(err)!r}): include the server's explanation, "
            "the 'error' field of the JSON body it sent with the 404 (err.read()).",
        )
        count = len(registry.seen("GET", "nope"))
        expect(count == 1, f"{call} sent {count} requests: a 404 will not change, do not retry.")

        call = "get_model('secret-model') (the server answers 403)"
        err = _raises(registry, c.ApiError, client.get_model, "secret-model", call=call)
        expect(
            not isinstance(err, c.NotFoundError | c.ServerError),
            f"{call} raised {type(err).__name__}: a 403 is neither 404 nor 5xx, so a plain "
            "ApiError.",
        )
        expect_equal(getattr(err, "status", None), 403, call=f"the .status of the error of {call}")
        expect(
            "you may not read secret-model" in str(err),
            f"{call} raised ApiError({str(err)!r}): include the 'error' field of the server's "
            "JSON reply.",
        )
        count = len(registry.seen("GET", "secret-model"))
        expect(count == 1, f"{call} sent {count} requests: retry only 5xx and timeouts.")

        call = "get_model('html-model') (200, but an HTML page instead of JSON)"
        _raises(
            registry,
            c.ApiError,
            client.get_model,
            "html-model",
            call=call,
            note="A reply that is not JSON is an ApiError too: catch the JSONDecodeError.",
        )

    closed = _client(c, f"http://127.0.0.1:{service.free_port()}{PREFIX}", timeout=2.0, retries=0)
    call = "get_model('bert-tiny') on a port where no server listens"
    try:
        closed.get_model("bert-tiny")
    except NotImplementedError:
        raise
    except c.ApiError as err:
        expect(
            getattr(err, "status", "?") is None,
            f"{call} raised an ApiError with status {getattr(err, 'status', '?')!r}, expected "
            "None: no HTTP reply came back.",
        )
    except Exception as err:
        fail(
            f"{call} raised {_error(err)}, expected ApiError: urlopen raises URLError when it "
            "cannot connect; catch it (after HTTPError, its subclass) and raise ApiError."
        )
    else:
        fail(f"{call} returned, expected ApiError.")


@check("list_models sends query parameters and follows every 'next' page", hint="pagination")
def check_list_models(ctx: Context) -> None:
    c = ctx.load(MODULE)
    with _serve() as (registry, base):
        client = _client(c, base)
        text = [m for m in registry.models.values() if m["task"] == "text-classification"]
        call = "list_models(task='text-classification', page_size=2)"
        models = _call(
            registry, client.list_models, task="text-classification", page_size=2, call=call
        )
        pages = registry.seen("GET", "/models?")
        advice = (
            "Leave out the parameters that are None."
            if any("=None" in p.target for p in pages)
            else "Follow 'next' until it is null; it may be a path or a full URL "
            "(urllib.parse.urljoin(current_url, next) handles both)."
        )
        expect(
            isinstance(models, list)
            and [m.get("name") for m in models] == [m["name"] for m in text],
            f"{call} returned {_short.repr(models)}, expected the {len(text)} text-classification "
            f"models of 3 pages, in order. The server received: {[str(p) for p in pages]}. "
            + advice,
        )
        expect(
            len(pages) == 3,
            f"{call} sent {len(pages)} requests for 3 pages: {[str(p) for p in pages]}.",
        )
        first = urllib.parse.parse_qs(urllib.parse.urlsplit(pages[0].target).query)
        expect_equal(
            first,
            {"task": ["text-classification"], "page_size": ["2"]},
            call=f"the query of the first request of {call}, parsed",
        )

        call = "list_models() (no filter)"
        before = len(registry.seen())
        models = _call(registry, client.list_models, call=call)
        sent = registry.seen()[before:]
        expect(
            isinstance(models, list) and len(models) == len(MODELS),
            f"{call} returned {len(models) if isinstance(models, list) else models!r} models, "
            f"expected all {len(MODELS)}. {_diagnose(registry, RuntimeError())}",
        )
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(sent[0].target).query)
        expect(
            "task" not in query and "search" not in query,
            f"{call} sent {sent[0]}: leave out the parameters that are None.",
        )

        for kwargs, expected in (
            ({"search": "bert base"}, ["team/bert base"]),
            ({"task": "text-classification", "search": "café"}, ["café-bert"]),
            ({"search": "BERT", "task": "token-classification"}, ["bert-ner"]),
        ):
            shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
            call = f"list_models({shown})"
            models = _call(registry, client.list_models, call=call, **kwargs)
            names = [m.get("name") for m in models] if isinstance(models, list) else models
            expect(
                names == expected,
                f"{call} returned the models {names!r}, expected {expected!r}. The server "
                f"received {registry.last()}: build the query with urllib.parse.urlencode.",
            )


@check("a GET that fails with 5xx is retried with growing waits", hint="retries")
def check_retries(ctx: Context) -> None:
    c = ctx.load(MODULE)
    with _serve() as (registry, base):
        client = _client(c, base, retries=3, backoff=0.02)
        call = "get_model('flaky-model') (500, then 503, then 200) with retries=3, backoff=0.02"
        model = _call(registry, client.get_model, "flaky-model", call=call)
        expect(
            isinstance(model, dict) and model.get("name") == "flaky-model",
            f"{call} returned {_short.repr(model)}, expected the model.",
        )
        tries = registry.seen("GET", "flaky-model")
        expect(len(tries) == 3, f"{call} sent {len(tries)} requests, expected 3.")
        gaps = _gaps(tries)
        expect(
            gaps[0] >= 0.018 and gaps[1] >= 0.036,
            f"{call}: the requests came {gaps} s apart, expected waits of 0.02 s, then 0.04 s "
            "(backoff * 2 ** attempt): time.sleep between attempts, doubling each time.",
        )

        client = _client(c, base, retries=2, backoff=0.02)
        call = "get_model('down-model') (always 503) with retries=2, backoff=0.02"
        start = time.monotonic()
        err = _raises(registry, c.ServerError, client.get_model, "down-model", call=call)
        elapsed = time.monotonic() - start
        expect_equal(getattr(err, "status", None), 503, call=f"the .status of the error of {call}")
        tries = registry.seen("GET", "down-model")
        expect(
            len(tries) == 3,
            f"{call} sent {len(tries)} requests, expected 3: the first, then 2 retries.",
        )
        gaps = _gaps(tries)
        expect(
            gaps[0] >= 0.018 and gaps[1] >= 0.036,
            f"{call}: the requests came {gaps} s apart, expected waits of 0.02 s, then 0.04 s.",
        )
        expect(elapsed < 3.0, f"{call} took {elapsed:.1f} s: backoff is in seconds.")

        none = _client(c, base, retries=0, backoff=0.02)
        before = len(registry.seen("GET", "down-model"))
        _raises(registry, c.ServerError, none.get_model, "down-model", call="with retries=0")
        count = len(registry.seen("GET", "down-model")) - before
        expect(count == 1, f"get_model('down-model') with retries=0 sent {count} requests.")

        keyed = _client(c, base, api_key=API_KEY, retries=3, backoff=0.01)
        call = "register_model('crash-model', 'x') (the server answers 500) with retries=3"
        _raises(registry, c.ServerError, keyed.register_model, "crash-model", "x", call=call)
        count = len(registry.seen("POST"))
        expect(
            count == 1,
            f"{call} sent {count} POSTs: never retry a POST, the server may have created the "
            "model before failing, and a retry would create it twice.",
        )


@check("a reply that comes too late raises ApiTimeoutError (after retries)", hint="timeout")
def check_timeout(ctx: Context) -> None:
    c = ctx.load(MODULE)
    with _serve() as (registry, base):
        client = _client(c, base, timeout=0.1, retries=1, backoff=0.02)
        call = (
            f"get_model('slow-model') (answers after {SLOW_S} s) with timeout=0.1, retries=1, "
            "backoff=0.02"
        )
        start = time.monotonic()
        try:
            result = client.get_model("slow-model")
        except NotImplementedError:
            raise
        except c.ApiTimeoutError as caught:
            err = caught
        except Exception as caught:
            _route_ok(registry)
            fail(
                f"{call} raised {_error(caught)}, expected ApiTimeoutError. A late reply "
                "raises TimeoutError (a slow connect raises URLError whose .reason is a "
                "TimeoutError): catch both and raise ApiTimeoutError."
            )
        else:
            fail(
                f"{call} returned {_short.repr(result)} after {time.monotonic() - start:.1f} s: "
                "the timeout was not applied. Pass timeout=self.timeout to urlopen."
            )
        elapsed = time.monotonic() - start
        expect(
            getattr(err, "status", "?") is None,
            f"{call} raised ApiTimeoutError with status {getattr(err, 'status', '?')!r}: "
            "expected None, no HTTP reply came.",
        )
        tries = registry.seen("GET", "slow-model")
        expect(
            len(tries) == 2,
            f"{call} sent {len(tries)} requests, expected 2: a timeout is worth one retry too.",
        )
        expect(
            elapsed < SLOW_S,
            f"{call} took {elapsed:.2f} s, more than the {SLOW_S} s the server needs: the "
            "timeout was not applied.",
        )
        patient = _client(c, base, timeout=5.0)
        fast = _call(registry, patient.get_model, "bert-tiny", call="get_model('bert-tiny')")
        expect_equal(fast, registry.models["bert-tiny"], call="get_model('bert-tiny') then")


@check("register_model POSTs JSON with the API key", hint="post")
def check_register_model(ctx: Context) -> None:
    c = ctx.load(MODULE)
    with _serve() as (registry, base):
        client = _client(c, base, api_key=API_KEY, backoff=0.01)
        call = "register_model('my-model', 'text-classification', {'accuracy': 0.9})"
        created = _call(
            registry,
            client.register_model,
            "my-model",
            "text-classification",
            {"accuracy": 0.9},
            call=call,
        )
        posts = registry.seen("POST")
        expect(len(posts) == 1, f"{call} sent {len(posts)} POST requests, expected 1.")
        post = posts[0]
        expect(
            post.target == f"{PREFIX}/models",
            f"{call} sent POST {post.target}, expected POST {PREFIX}/models.",
        )
        try:
            body = json.loads(post.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            fail(f"{call} sent the body {post.body[:80]!r}: send json.dumps(...).encode('utf-8').")
        expect_equal(
            body,
            {"name": "my-model", "task": "text-classification", "metrics": {"accuracy": 0.9}},
            call=f"the JSON body {call} sent",
        )
        stored = registry.models["my-model"]
        expect_equal(created, stored, call=f"{call} (the server's reply, parsed)")
        expect_equal(
            _call(registry, client.get_model, "my-model", call="get_model('my-model')"),
            stored,
            call="get_model('my-model') after registering it",
        )

        call = "register_model('modèle-é', 'fill-mask') (no metrics)"
        created = _call(registry, client.register_model, "modèle-é", "fill-mask", call=call)
        expect_equal(created, registry.models.get("modèle-é"), call=call)
        body = json.loads(registry.seen("POST")[-1].body.decode("utf-8"))
        expect_equal(body.get("metrics"), {}, call=f"the 'metrics' that {call} sent")

        call = "register_model('bert-tiny', 'text-classification') (it exists: 409)"
        err = _raises(
            registry,
            c.ApiError,
            client.register_model,
            "bert-tiny",
            "text-classification",
            call=call,
        )
        expect_equal(getattr(err, "status", None), 409, call=f"the .status of the error of {call}")
        expect(
            "already exists" in str(err),
            f"{call} raised ApiError({str(err)!r}): include the server's 'error' field.",
        )

        anonymous = _client(c, base, backoff=0.01)
        call = "register_model('x', 'y') by a client without api_key (401)"
        err = _raises(registry, c.ApiError, anonymous.register_model, "x", "y", call=call)
        expect_equal(getattr(err, "status", None), 401, call=f"the .status of the error of {call}")
