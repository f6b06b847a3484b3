"""Correct, written differently: memory as a plain dict of lists trimmed by hand, a
follow-up told by its length (five words or fewer) or by a score below the cutoff alone,
422 for invalid fields, Flask's own 413 for a body over the limit (turned into JSON), and
the page as a template string.

File: app.py
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Flask, jsonify, request
from retrieval import Embedder, Retriever, knowledge_base
from werkzeug.exceptions import HTTPException

CUTOFF = 0.27
LONGEST = 2000


@dataclass
class Reply:
    answer: str
    sources: list[str] = field(default_factory=list)
    score: float = 0.0


class Chatbot:
    def __init__(self, retriever: Retriever, threshold: float = CUTOFF) -> None:
        self.retriever = retriever
        self.threshold = threshold
        self.memory: dict[str, list[str]] = {}

    def reply(self, session: str, message: str) -> Reply:
        asked = self.memory.setdefault(session, [])
        query = message
        words = set(message.lower().replace("?", " ").split())
        if asked and words & {"it", "its", "that", "this", "them", "those", "these"}:
            query = asked[-1] + ". " + message
        asked.append(query)
        del asked[:-3]
        if len(self.memory) > 500:
            self.memory.pop(next(iter(self.memory)))
        score = self.retriever.confidence(query)
        if score < self.threshold:
            return Reply("Sorry, I don't know that one.", [], score)
        hits = self.retriever.search(query, k=2)
        cited = " ".join("(source: " + h.id + ")" for h in hits)
        return Reply(
            self.retriever.by_id[hits[0].id].text + " " + cited, [h.id for h in hits], score
        )


def create_app(bot: Chatbot | None = None) -> Flask:
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 4096
    if bot is None:
        from airoadmap.curriculum.loader import load_curriculum

        bot = Chatbot(Retriever(knowledge_base(load_curriculum()), Embedder()))
    chatbot = bot

    @app.errorhandler(HTTPException)
    def as_json(error: HTTPException) -> Any:
        return jsonify({"error": f"{error.code} {error.name}: {error.description}"}), error.code

    @app.route("/")
    def index() -> str:
        return PAGE.replace("{{ endpoint }}", "/api/chat")

    @app.route("/api/chat", methods=["POST"])
    def chat() -> Any:
        data = request.get_json(silent=True)
        if data is None:
            return jsonify({"error": "the body is not valid JSON"}), 400
        if not isinstance(data, dict):
            return jsonify({"error": "the body must be a JSON object"}), 422
        problems = [
            f"{name} must be a non-empty string"
            for name in ("session", "message")
            if not isinstance(data.get(name), str) or not data[name].strip()
        ]
        if problems:
            return jsonify({"error": "; ".join(problems)}), 422
        reply = chatbot.reply(data["session"], data["message"][:LONGEST])
        return jsonify({"answer": reply.answer, "sources": reply.sources, "score": reply.score})

    return app


PAGE = """<!doctype html>
<meta charset="utf-8"><title>Roadmap bot</title>
<form id="f"><input id="q" required><button>Ask</button></form>
<ol id="out"></ol>
<script>
const sid = Math.random().toString(36).slice(2);
document.getElementById("f").onsubmit = async (e) => {
  e.preventDefault();
  const q = document.getElementById("q");
  const r = await fetch("{{ endpoint }}", {method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify({session: sid, message: q.value})});
  const d = await r.json();
  const li = document.createElement("li");
  li.textContent = r.ok ? d.answer : d.error;
  document.getElementById("out").appendChild(li);
  q.value = "";
};
</script>
"""
