"""The project's own tests (at least 3): the split, the model against its baseline, the audit."""

from __future__ import annotations

import data


def test_split_is_disjoint_and_reproducible() -> None:
    frame = data.load_frame()
    first_train, first_test = data.split(frame)
    again_train, _ = data.split(frame)
    assert len(first_train) + len(first_test) == len(frame)
    assert first_train.equals(again_train)


# TODO(capstone): test that the model beats its baseline, and the fairness rates on a tiny
# example you count by hand; then delete this line.
