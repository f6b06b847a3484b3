"""Wrong: a new ADWIN for every value: no detector ever sees more than one value.

Fails: concept_drift_detected
Says: found no change, ADWIN.update
File: stream.py
"""

from tests.content.submissions.m11_drift._stream import run_stream

run_stream(
    globals(),
    replace=[
        ("    detector = drift.ADWIN(delta=delta)\n", ""),
        (
            "        detector.update(float(value))\n",
            "        detector = drift.ADWIN(delta=delta)\n        detector.update(float(value))\n",
        ),
    ],
)
