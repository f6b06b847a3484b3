"""Wrong: any mode that is not dense or bm25 searches as the hybrid: a typo goes unnoticed.

Fails: search_contract
Says: keyword, expected it to raise ValueError
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m10-chatbot",
    globals(),
    replace=[
        ("        if mode not in MODES:\n            raise", "        if False:\n            raise")
    ],
)
