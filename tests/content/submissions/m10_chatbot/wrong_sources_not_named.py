"""Wrong: the answer quotes the best passage but names none of its sources.

Fails: answers_cite_sources
Says: does not name its source
File: app.py
"""

from tests.content.submissions.m10_chatbot._app import run_app

run_app(
    globals(),
    replace=[
        ('answer = f"{top.title}: {top.text} [{top.id}]"', 'answer = f"{top.title}: {top.text}"'),
        ('            answer += f"\\nSee also {others}."\n', "            pass\n"),
    ],
)
