"""What the learner's code printed: per check, and the whole run, read back from the log.

The harness's stdout and stderr go to one log file; each `start` and `result` report carries
the log's size at that moment (`out`), so the bytes between them are what one check printed.
Everything here is bounded: a check keeps its last `CHECK_LINES` lines (at most
`CHECK_BYTES`), the run its last `RUN_BYTES`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHECK_BYTES = 4_000
CHECK_LINES = 40
RUN_BYTES = 16_000
CUT_NOTE = "[... earlier output not kept ...]\n"
# Where a faulthandler dump (the grader's, at a timeout or a crash) starts: not the learner's.
_DUMP = re.compile(r"^(Timeout \(\d+:\d\d:\d\d(\.\d+)?\)!|Fatal Python error: )", re.MULTILINE)


@dataclass
class Printed:
    """What one run printed: per check (by plan index) and all of it (its end)."""

    by_check: dict[int, str] = field(default_factory=dict)
    whole: str = ""

    def attach(self, checks: Sequence[Any]) -> None:
        """Set `output` on the checks that did not pass: what each printed. A report of one
        check (the code did not load) gets the end of everything printed."""
        if len(checks) == 1 and not self.by_check:
            pieces = {0: tail_lines(_strip_dump(self.whole), CHECK_LINES)} if self.whole else {}
        else:
            pieces = self.by_check
        for index, check in enumerate(checks):
            text = pieces.get(index, "")
            if text.strip() and str(check.outcome) not in ("PASS", "NOT_ATTEMPTED"):
                check.output = text


def collect(log: Path, messages: Sequence[Mapping[str, Any]]) -> Printed:
    """Read what a run printed from its log (before the sandbox folder is removed)."""
    return Printed(by_check=by_check(log, messages), whole=whole(log))


def by_check(log: Path, messages: Sequence[Mapping[str, Any]]) -> dict[int, str]:
    """The end of what each check printed, by its index in the plan (only checks that did)."""
    try:
        size = log.stat().st_size
    except OSError:
        return {}
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for m in messages:
        kind, index, at = m.get("kind"), m.get("index"), m.get("out")
        if not isinstance(index, int) or not isinstance(at, int) or at < 0:
            continue
        if kind == "start":
            starts[index] = at
        elif kind == "result":
            ends[index] = at
    printed: dict[int, str] = {}
    for index, begin in starts.items():
        end = min(ends.get(index, size), size)  # no result: it ran until the process ended
        text = _strip_dump(_read(log, begin, end, CHECK_BYTES))
        if text.strip():
            printed[index] = tail_lines(text, CHECK_LINES)
    return printed


def whole(log: Path) -> str:
    """The end of everything the run printed, marked when its beginning was left out."""
    try:
        size = log.stat().st_size
    except OSError:
        return ""
    text = _read(log, 0, size, RUN_BYTES)
    return (CUT_NOTE + text) if size > RUN_BYTES else text


def tail_lines(text: str, count: int) -> str:
    """The last `count` lines of `text`, without the trailing newline."""
    lines = text.rstrip("\n").split("\n")
    return "\n".join(lines[-count:])


def _read(log: Path, begin: int, end: int, limit: int) -> str:
    """Bytes [begin, end) of the log, only the last `limit` of them, decoded leniently."""
    if end <= begin:
        return ""
    start = max(begin, end - limit)
    try:
        with open(log, "rb") as f:
            f.seek(start)
            data = f.read(end - start)
    except OSError:
        return ""
    text = data.decode("utf-8", "replace")
    if start > begin:  # cut mid-line: drop the partial first line
        text = text.split("\n", 1)[1] if "\n" in text else text
    return text


def _strip_dump(text: str) -> str:
    match = _DUMP.search(text)
    return text[: match.start()] if match else text


def log_path(root: Path) -> Path:
    """The log the sandbox writes the child's stdout and stderr to, inside its folder."""
    return Path(os.fspath(root)) / "output.log"
