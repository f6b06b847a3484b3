"""The optimised service: one hot path, served two ways.

POST /predict reads the body, decodes it with orjson, checks it against FIELDS without a
pydantic object per row (`model.parse_rows`), runs the forest in onnxruntime and answers
with orjson. With batching, requests that arrive together share one onnxruntime call: a
request queues its rows and the first one schedules a flush on the event loop's next turn,
so a batch is whatever arrived meanwhile (no timer: a request alone waits for nothing).

- `FastApp`: a plain ASGI app (under uvicorn, whose HTTP parser here is h11, pure Python).
- `serve_protocol`: the same service on asyncio's transports with a minimal HTTP/1.1
  parser of its own (keep-alive, Content-Length bodies), so no framework work per request.

GET /health and GET /ready answer with the model version; GET /stats says how many requests
and batches /predict served (the benchmark reads the mean batch size there).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from airoadmap.lab.serve.model import FastModel, InvalidRow, parse_rows, replies

MAX_BODY = 1 << 20  # bytes of a /predict body
MAX_HEAD = 1 << 14  # bytes of a request line and headers

Reply = tuple[int, dict[str, Any]]


class Core:
    """What both servers share: the model, the routes, the counters and the batching."""

    def __init__(self, folder: Path, *, batching: bool) -> None:
        self.model = FastModel(folder)
        self.batching = batching
        self.requests = 0
        self.batches = 0
        self._pending: list[tuple[np.ndarray, Callable[[np.ndarray | Exception], None]]] = []

    def route(self, method: str, path: str) -> Reply | None:
        """The reply of every route but POST /predict (None for that one)."""
        if path == "/predict":
            return None if method == "POST" else (405, {"detail": "use POST /predict"})
        if method == "GET" and path == "/stats":
            return 200, {"requests": self.requests, "batches": self.batches}
        if method == "GET" and path in ("/health", "/ready"):
            status = "ok" if path == "/health" else "ready"
            return 200, {"status": status, "model_version": self.model.version}
        return 404, {"detail": f"no route {method} {path}"}

    def parse(self, body: bytes) -> np.ndarray | Reply:
        """The model input of a /predict body, or the 4xx reply that refuses it."""
        if len(body) > MAX_BODY:
            return 413, {"detail": f"the body is over {MAX_BODY} bytes"}
        try:
            rows = parse_rows(orjson.loads(body))
        except orjson.JSONDecodeError as exc:
            return 422, {"detail": f"the body is not JSON: {exc}"}
        except InvalidRow as exc:
            return 422, {"detail": str(exc)}
        self.requests += 1
        return self.model.matrix(rows)

    def predict(self, matrix: np.ndarray, done: Callable[[np.ndarray | Exception], None]) -> None:
        """Call `done` with P(survived) per row of `matrix` (or the exception): now, or
        with the batch of this event-loop turn."""
        if not self.batching:
            self.batches += 1
            done(self.model.probability(matrix))
            return
        if not self._pending:
            asyncio.get_running_loop().call_soon(self._flush)
        self._pending.append((matrix, done))

    def reply(self, probability: np.ndarray) -> Reply:
        """The 200 reply for these probabilities."""
        return 200, replies(self.model.version, probability)

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        self.batches += 1
        try:
            matrices = [m for m, _ in pending]
            both = matrices[0] if len(matrices) == 1 else np.concatenate(matrices)
            probability = self.model.probability(both)
        except Exception as exc:  # every waiting request fails the same way
            for _, done in pending:
                done(exc)
            return
        start = 0
        for matrix, done in pending:
            done(probability[start : start + len(matrix)])
            start += len(matrix)


def _json(payload: dict[str, Any]) -> bytes:
    return orjson.dumps(payload)


# --- ASGI ------------------------------------------------------------------------------------

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


class FastApp:
    """The optimised service as an ASGI app for the model folder `folder`."""

    def __init__(self, folder: Path, *, batching: bool = True) -> None:
        self.core = Core(folder, batching=batching)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
        elif scope["type"] == "http":
            reply = self.core.route(scope["method"], scope["path"])
            if reply is None:
                reply = await self._predict(receive)
            status, payload = reply
            body = _json(payload)
            headers = [(b"content-type", b"application/json"),
                       (b"content-length", str(len(body)).encode())]  # fmt: skip
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})

    async def _predict(self, receive: Receive) -> Reply:
        body = bytearray()
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > MAX_BODY or not message.get("more_body"):
                break
        parsed = self.core.parse(bytes(body))
        if isinstance(parsed, tuple):
            return parsed
        future: asyncio.Future[np.ndarray] = asyncio.get_running_loop().create_future()

        def done(result: np.ndarray | Exception) -> None:
            if isinstance(result, Exception):
                future.set_exception(result)
            else:
                future.set_result(result)

        self.core.predict(parsed, done)
        return self.core.reply(await future)


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


# --- asyncio protocol ------------------------------------------------------------------------

_REASONS = {200: b"OK", 400: b"Bad Request", 404: b"Not Found", 405: b"Method Not Allowed",
            413: b"Content Too Large", 422: b"Unprocessable Content",
            500: b"Internal Server Error", 501: b"Not Implemented"}  # fmt: skip


def _response(status: int, payload: dict[str, Any], keep_alive: bool) -> bytes:
    body = _json(payload)
    head = b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n" % (
        status, _REASONS.get(status, b"Unknown"), len(body),
    )  # fmt: skip
    return head + (b"\r\n" if keep_alive else b"connection: close\r\n\r\n") + body


class _Connection(asyncio.Protocol):
    """One client connection: parses requests one at a time (the next waits for the reply
    of the previous, so pipelined replies keep their order)."""

    def __init__(self, core: Core, connections: set[_Connection]) -> None:
        self.core = core
        self.connections = connections
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.busy = False  # a /predict waits for its batch

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.connections.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.connections.discard(self)
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.busy:
            self._next()

    def idle(self) -> bool:
        """No request waits for its reply and no partial request is buffered."""
        return not self.busy and not self.buffer

    def _next(self) -> None:
        while self.transport is not None and not self.busy:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > MAX_HEAD:
                    self._send(400, {"detail": "the request head is too long"}, False)
                return
            lines = bytes(self.buffer[:end]).split(b"\r\n")
            parts = lines[0].split(b" ")
            length, keep_alive, chunked = 0, True, False
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value) if value.strip().isdigit() else -1
                elif name == b"connection":
                    keep_alive = value.strip().lower() != b"close"
                elif name == b"transfer-encoding":
                    chunked = True
            if len(parts) != 3 or length < 0:
                self._send(400, {"detail": "malformed request line or Content-Length"}, False)
                return
            if chunked:
                self._send(501, {"detail": "send the body with a Content-Length"}, False)
                return
            if length > MAX_BODY:
                self._send(413, {"detail": f"the body is over {MAX_BODY} bytes"}, False)
                return
            if len(self.buffer) < end + 4 + length:
                return  # the rest of the body is still on its way
            body = bytes(self.buffer[end + 4 : end + 4 + length])
            del self.buffer[: end + 4 + length]
            self._handle(parts[0].decode("latin-1"), parts[1].decode("latin-1"), body, keep_alive)

    def _handle(self, method: str, target: str, body: bytes, keep_alive: bool) -> None:
        reply = self.core.route(method, target.partition("?")[0])
        if reply is None:
            parsed = self.core.parse(body)
            if not isinstance(parsed, tuple):
                self.busy = True

                def done(result: np.ndarray | Exception) -> None:
                    self.busy = False
                    if isinstance(result, Exception):
                        self._send(500, {"detail": f"prediction failed: {result}"}, keep_alive)
                    else:
                        self._send(*self.core.reply(result), keep_alive)
                    if self.buffer:
                        self._next()

                self.core.predict(parsed, done)
                return
            reply = parsed
        self._send(*reply, keep_alive)

    def _send(self, status: int, payload: dict[str, Any], keep_alive: bool) -> None:
        if self.transport is None:
            return
        self.transport.write(_response(status, payload, keep_alive))
        if not keep_alive:
            self.buffer.clear()  # nothing after a closing reply is read
            self.transport.close()
            self.transport = None


async def serve_protocol(
    folder: Path, host: str, port: int, *, batching: bool = True,
    ready: Callable[[], None] | None = None, stop: asyncio.Event | None = None,
) -> None:  # fmt: skip
    """Serve on host:port until SIGTERM or SIGINT (or `stop` is set); then stop accepting,
    answer the requests in flight, close the connections."""
    core = Core(folder, batching=batching)
    loop = asyncio.get_running_loop()
    connections: set[_Connection] = set()
    server = await loop.create_server(lambda: _Connection(core, connections), host, port)
    stop = stop or asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        # Not in the main thread (tests): `stop` alone ends it.
        with contextlib.suppress(RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    if ready is not None:
        ready()
    await stop.wait()
    server.close()
    for _ in range(100):  # in-flight requests are answered on the next turns
        if all(c.idle() for c in connections):
            break
        await asyncio.sleep(0.01)
    for connection in list(connections):
        if connection.transport is not None:
            connection.transport.close()
    await server.wait_closed()
