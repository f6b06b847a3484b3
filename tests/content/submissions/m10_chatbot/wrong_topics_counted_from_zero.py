"""Wrong: the topics of a month counted from 0, so every topic id is one off.

Fails: knowledge_base_ids
Says: no passage, m01/topic/11
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m10-chatbot",
    globals(),
    replace=[("enumerate(month.topics, start=1)", "enumerate(month.topics)")],
)
