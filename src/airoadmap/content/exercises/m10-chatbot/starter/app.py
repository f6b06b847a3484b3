"""The roadmap chatbot: per-session memory, an honest "I don't know", cited sources, and a
Flask app with a chat page and a JSON API.

    flask --app app:create_app run
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import Flask
from retrieval import Embedder, Retriever, knowledge_base

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

    def reply(self, session: str, message: str) -> Reply:
        """The answer to `message` in `session`, with the ids of its sources; "I don't know"
        (no sources) when nothing matches well enough. A follow-up is read together with the
        session's previous question."""
        raise NotImplementedError("remember each session's questions; search; answer or refuse")


def default_chatbot() -> Chatbot:
    """The chatbot over the packaged roadmap (embeds ~430 passages: about 15 s of CPU)."""
    from airoadmap.curriculum.loader import load_curriculum

    return Chatbot(Retriever(knowledge_base(load_curriculum()), Embedder()))


def create_app(bot: Chatbot | None = None) -> Flask:
    """The Flask app: GET / (the chat page, PAGE below), POST /api/chat."""
    raise NotImplementedError("the routes: GET / and POST /api/chat (400 + a JSON error)")


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
