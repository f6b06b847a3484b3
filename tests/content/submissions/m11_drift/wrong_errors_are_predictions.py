"""Wrong: error_stream returns the model's predictions, not whether they are wrong.

Fails: errors_are_mistakes
Says: error_stream on 500 rows
File: stream.py
"""

from tests.content.submissions.m11_drift._stream import run_stream

run_stream(
    globals(),
    replace=[("return (predicted != labels).astype(float)", "return predicted.astype(float)")],
)
