"""The roadmap chatbot: per-session memory, an honest "I don't know", cited sources, and a
Flask app with a chat page and a JSON API.

    flask --app app:create_app run
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, jsonify, request
from retrieval import Embedder, Retriever, knowledge_base
from werkzeug.exceptions import HTTPException

THRESHOLD = 0.25  # below this cosine similarity the best passage is not an answer
K = 3
MAX_MESSAGE = 1000  # characters
MAX_SESSIONS = 1000  # the oldest session is forgotten beyond this
TURNS = 5  # questions remembered per session
REFERS_BACK = re.compile(r"\b(it|its|this|that|these|those|they|them|there)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reply:
    answer: str
    sources: list[str]
    score: float


class Chatbot:
    """Answers a session's messages from the retriever's best passages."""

    def __init__(self, retriever: Retriever, *, threshold: float = THRESHOLD, k: int = K):
        self.retriever = retriever
        self.threshold = threshold
        self.k = k
        self._sessions: OrderedDict[str, deque[str]] = OrderedDict()
        self._lock = threading.Lock()

    def _history(self, session: str) -> deque[str]:
        with self._lock:
            history = self._sessions.pop(session, None)
            if history is None:
                history = deque(maxlen=TURNS)
            self._sessions[session] = history  # the most recent session last
            while len(self._sessions) > MAX_SESSIONS:
                self._sessions.popitem(last=False)
            return history

    def reply(self, session: str, message: str) -> Reply:
        """The answer to `message` in `session`: a follow-up (it refers back: "it", "that")
        is read together with the session's previous question. A question that neither refers
        back nor matches anything alone is out of scope, whatever came before it."""
        history = self._history(session)
        query, score = message, self.retriever.confidence(message)
        if history and REFERS_BACK.search(message):
            query = f"{history[-1]} {message}"
            score = self.retriever.confidence(query)
        if score < self.threshold:
            history.append(message)
            return Reply(
                "I don't know: nothing in the roadmap matches that closely enough "
                f"(best match {score:.2f}). Ask about a month's topic or an exercise.",
                [],
                score,
            )
        history.append(query)
        hits = self.retriever.search(query, self.k)
        top = self.retriever.by_id[hits[0].id]
        others = ", ".join(f"[{hit.id}]" for hit in hits[1:])
        answer = f"{top.title}: {top.text} [{top.id}]"
        if others:
            answer += f"\nSee also {others}."
        return Reply(answer, [hit.id for hit in hits], score)


def default_chatbot() -> Chatbot:
    """The chatbot over the packaged roadmap (embeds ~430 passages: about 15 s of CPU)."""
    from airoadmap.curriculum.loader import load_curriculum

    return Chatbot(Retriever(knowledge_base(load_curriculum()), Embedder()))


def _error(status: int, message: str) -> tuple[Response, int]:
    return jsonify(error=message), status


def create_app(bot: Chatbot | None = None) -> Flask:
    """The Flask app: GET / (the chat page), POST /api/chat."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    chatbot = bot or default_chatbot()

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[Response, int]:
        return _error(error.code or 500, error.description or error.name)

    @app.get("/")
    def page() -> Response:
        return Response(PAGE, mimetype="text/html")

    @app.post("/api/chat")
    def chat() -> tuple[Response, int]:
        body: Any = request.get_json(silent=True)
        if not isinstance(body, dict):
            return _error(400, 'send a JSON object: {"session": "...", "message": "..."}')
        session, message = body.get("session"), body.get("message")
        if not isinstance(session, str) or not session.strip():
            return _error(400, "session must be a non-empty string (one per conversation)")
        if not isinstance(message, str) or not message.strip():
            return _error(400, "message must be a non-empty string")
        if len(message) > MAX_MESSAGE:
            return _error(413, f"message is {len(message)} characters: at most {MAX_MESSAGE}")
        reply = chatbot.reply(session, message.strip())
        return jsonify(answer=reply.answer, sources=reply.sources, score=reply.score), 200

    return app


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Roadmap chatbot</title>
<link rel="icon" href="data:,">
<style>
  body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  #log p { white-space: pre-wrap; padding: .5rem .75rem; border-radius: .5rem; }
  .you { background: #e8f0fe; } .bot { background: #f3f3f3; } .sources { color: #555; }
  form { display: flex; gap: .5rem; } input { flex: 1; padding: .5rem; }
</style>
</head>
<body>
<h1>Ask the roadmap</h1>
<div id="log" aria-live="polite"></div>
<form id="ask">
  <input id="message" name="message" autocomplete="off" maxlength="1000"
         placeholder="How do I detect drift?" required>
  <button type="submit">Send</button>
</form>
<script>
const session = sessionStorage.getItem("session") || crypto.randomUUID();
sessionStorage.setItem("session", session);
const log = document.getElementById("log");
function say(text, kind) {
  const p = document.createElement("p");
  p.className = kind;
  p.textContent = text;
  log.appendChild(p);
  return p;
}
document.getElementById("ask").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = document.getElementById("message");
  const message = input.value.trim();
  if (!message) return;
  say(message, "you");
  input.value = "";
  const reply = await fetch("/api/chat", {
    method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify({session, message}),
  });
  const data = await reply.json();
  if (!reply.ok) { say(data.error, "bot error"); return; }
  const p = say(data.answer, "bot");
  if (data.sources.length) {
    const s = document.createElement("span");
    s.className = "sources";
    s.textContent = "\\nSources: " + data.sources.join(", ");
    p.appendChild(s);
  }
});
</script>
</body>
</html>
"""
