"""Turn what a check raised into an outcome and a message that teaches.

Runs inside the harness (child) process, so it imports only the standard library. Outcomes are
plain strings here (the values of `outcome.Outcome`), to keep pydantic out of the child.

    NotImplementedError raised by the learner's code      -> NOT_ATTEMPTED
    CheckFailed / AssertionError                          -> FAIL
    ForbiddenImport (importfence), even as a cause        -> FAIL, naming the learner's line
    SystemExit, MemoryError, RecursionError, anything else -> ERROR, with the learner's line
"""

from __future__ import annotations

import os
from types import TracebackType

PASS = "PASS"
FAIL = "FAIL"
NOT_ATTEMPTED = "NOT_ATTEMPTED"
ERROR = "ERROR"
TIMEOUT = "TIMEOUT"

MAX_DETAIL = 400  # characters of an exception's own message that a report shows
MAX_SOURCE_LINE = 160  # characters of a learner's source line shown under a SyntaxError


class Learner:
    """Knows which source files are the learner's (anything under the working copy)."""

    def __init__(self, workdir: str, *, checks_file: str = "", memory_mb: int = 0) -> None:
        self.root = os.path.realpath(workdir)
        self.checks_file = os.path.realpath(checks_file) if checks_file else ""
        self.memory_mb = memory_mb
        self._cache: dict[str, bool] = {}

    def owns(self, filename: str) -> bool:
        """Whether `filename` (a code object's co_filename) is one of the learner's files."""
        known = self._cache.get(filename)
        if known is None:
            real = os.path.realpath(filename) if filename and filename[0] != "<" else ""
            known = real.startswith(self.root + os.sep)
            self._cache[filename] = known
        return known

    def show(self, filename: str) -> str:
        """A file as the learner knows it: relative to their folder."""
        real = os.path.realpath(filename)
        if real.startswith(self.root + os.sep):
            return os.path.relpath(real, self.root)
        return os.path.basename(filename)

    def where(self, tb: TracebackType | None) -> tuple[str, int, str] | None:
        """(file, line, function) of the last traceback frame in the learner's files."""
        found = None
        while tb is not None:
            code = tb.tb_frame.f_code
            if self.owns(code.co_filename):
                found = (code.co_filename, tb.tb_lineno, code.co_name)
            tb = tb.tb_next
        return found

    def at(self, exc: BaseException) -> str:
        """' (linreg.py line 42)' for the learner's last frame, else the check's line."""
        syntax = learner_syntax_error(exc, self)
        if syntax is not None:
            return f" ({self.show(syntax_file(syntax))} line {syntax.lineno})"
        place = self.where(exc.__traceback__)
        if place is None and self.checks_file:
            place = self._last_frame_in(exc.__traceback__, self.checks_file)
        if place is None:
            return ""
        return f" ({self.show(place[0])} line {place[1]})"

    @staticmethod
    def _last_frame_in(tb: TracebackType | None, filename: str) -> tuple[str, int, str] | None:
        found = None
        while tb is not None:
            code = tb.tb_frame.f_code
            if code.co_filename and os.path.realpath(code.co_filename) == filename:
                found = (code.co_filename, tb.tb_lineno, code.co_name)
            tb = tb.tb_next
        return found


def classify(exc: BaseException, learner: Learner) -> tuple[str, str]:
    """(outcome, message) for an exception that escaped a check."""
    from airoadmap.grading.guard import SandboxViolation  # already imported by the harness

    forbidden = forbidden_import(exc)
    if forbidden is not None:  # its message names the learner's file and line already
        return FAIL, _detail(forbidden)
    todo = _not_implemented(exc, learner)
    if todo is not None:
        return NOT_ATTEMPTED, todo
    syntax = learner_syntax_error(exc, learner)
    if syntax is not None:
        return ERROR, syntax_message(syntax, learner)
    at = learner.at(exc)
    if isinstance(exc, AssertionError):
        text = _detail(exc)
        if type(exc).__name__ == "CheckFailed":
            return FAIL, text or f"check failed{at}"
        if learner.where(exc.__traceback__) is not None:
            return FAIL, f"an assert in your code failed{at}" + (f": {text}" if text else "")
        return FAIL, (text + at) if text else f"a check's assertion failed{at}"
    if isinstance(exc, SystemExit):
        code = "" if exc.code is None else repr(exc.code)
        return ERROR, (
            f"your code called sys.exit({code}){at}: return a value instead, the checks call "
            "your functions directly"
        )
    if isinstance(exc, KeyboardInterrupt):
        return ERROR, f"your code raised KeyboardInterrupt{at}"
    if isinstance(exc, MemoryError):
        return ERROR, memory_message(learner.memory_mb, at)
    if isinstance(exc, RecursionError):
        return ERROR, (
            f"RecursionError: maximum recursion depth exceeded{at}. Does every recursive call "
            "move toward a base case?"
        )
    if isinstance(exc, SandboxViolation):
        return ERROR, f"{_detail(exc)}{at}"
    detail = _detail(exc)
    message = f"{type(exc).__name__}: {detail}{at}" if detail else f"{type(exc).__name__}{at}"
    return ERROR, message + _nudge(exc)


def memory_message(memory_mb: int, at: str = "") -> str:
    """The one message for running out of the memory budget."""
    limit = f" of {memory_mb} MB" if memory_mb else ""
    return (
        f"your code used more than the memory limit{limit}{at}: work on smaller pieces, or "
        "free what you no longer need"
    )


def blames_learner(exc: BaseException, learner: Learner) -> bool:
    """Whether an exception comes from the learner's code (a frame or a file of theirs)."""
    if learner_syntax_error(exc, learner) is not None:
        return True
    if forbidden_import(exc) is not None:  # raised only for an import by a learner's file
        return True
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if learner.where(current.__traceback__) is not None:
            return True
        current = current.__cause__ or current.__context__
    return False


def syntax_file(exc: SyntaxError) -> str:
    """The file a SyntaxError is about: its `filename`, or (for errors such as null bytes,
    which Python raises without one) the source file importlib was compiling."""
    if exc.filename:
        return str(exc.filename)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_name in ("get_code", "source_to_code"):
            path = tb.tb_frame.f_locals.get("source_path") or tb.tb_frame.f_locals.get("path")
            if isinstance(path, str):
                return path
        tb = tb.tb_next
    return ""


def learner_syntax_error(exc: BaseException, learner: Learner) -> SyntaxError | None:
    """The SyntaxError (IndentationError, TabError) of a learner's .py file in the chain of
    `exc`: code that does not compile, which fails every check alike."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(seen) < 20:
        seen.add(id(current))
        if isinstance(current, SyntaxError):
            filename = syntax_file(current)
            if filename.endswith(".py") and learner.owns(filename):
                return current
        current = current.__cause__ or current.__context__
    return None


def syntax_message(exc: SyntaxError, learner: Learner) -> str:
    """'SyntaxError in katas.py line 62: expected ':'', then the line and a caret under it."""
    filename = syntax_file(exc)
    lineno = exc.lineno or _null_byte_line(filename)
    where = learner.show(filename) + (f" line {lineno}" if lineno else "")
    head = f"{type(exc).__name__} in {where}: {exc.msg}"
    if str(exc.msg).startswith("(unicode error)"):
        head += ". Save the file as UTF-8 (your editor's encoding setting)"
    text = exc.text
    if text is None and exc.lineno:
        text = _source_line(filename, exc.lineno)
    if not text or not text.strip() or "\x00" in text:
        return head
    line = text.rstrip("\r\n")
    stripped = line.lstrip()
    indent = len(line) - len(stripped)
    if len(stripped) > MAX_SOURCE_LINE:
        return f"{head}\n    {stripped[: MAX_SOURCE_LINE - 3]}..."
    if not exc.offset or exc.offset < 1:
        return f"{head}\n    {stripped}"
    start = min(max(exc.offset - 1 - indent, 0), len(stripped))
    same_line = exc.end_lineno in (None, exc.lineno)
    end = exc.end_offset - 1 - indent if same_line and exc.end_offset else start + 1
    width = max(1, min(end, len(stripped) + 1) - start)
    pad = "".join(c if c == "\t" else " " for c in stripped[:start])
    return f"{head}\n    {stripped}\n    {pad}{'^' * width}"


def _null_byte_line(filename: str) -> int | None:
    """The first line of a file holding a null byte (Python names none for that error)."""
    try:
        with open(filename, "rb") as f:
            for number, raw in enumerate(f, 1):
                if b"\x00" in raw:
                    return number
    except OSError:
        pass
    return None


def _source_line(filename: str, lineno: int) -> str | None:
    """Line `lineno` of a source file (decoded leniently), or None."""
    try:
        with open(filename, "rb") as f:
            for number, raw in enumerate(f, 1):
                if number == lineno:
                    return raw.decode("utf-8", "replace")
    except OSError:
        pass
    return None


def forbidden_import(exc: BaseException) -> BaseException | None:
    """The ForbiddenImport (of `importfence`) in the chain of `exc`, if any: a learner's code
    that catches it and raises something else still broke the from-scratch rule."""
    from airoadmap.grading.importfence import ForbiddenImport

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(seen) < 20:
        seen.add(id(current))
        if isinstance(current, ForbiddenImport):
            return current
        current = current.__cause__ or current.__context__
    return None


def _not_implemented(exc: BaseException, learner: Learner) -> str | None:
    """The NOT_ATTEMPTED message if a NotImplementedError raised by learner code is in the chain."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(seen) < 20:
        seen.add(id(current))
        if isinstance(current, NotImplementedError):
            tb = current.__traceback__
            last = None
            while tb is not None:
                last = tb
                tb = tb.tb_next
            if last is not None and learner.owns(last.tb_frame.f_code.co_filename):
                code = last.tb_frame.f_code
                shown = learner.show(code.co_filename)
                if not code.co_filename.endswith(".py"):  # a document the checks read (TODO)
                    return (
                        f"not attempted yet: {shown} line {last.tb_lineno} still holds its "
                        "TODO; replace it with your own text"
                    )
                func = "" if code.co_name == "<module>" else f"`{code.co_name}` "
                return (
                    f"not attempted yet: {func}({shown} line "
                    f"{last.tb_lineno}) still raises NotImplementedError; replace the TODO "
                    "with your code"
                )
        current = current.__cause__ or current.__context__
    return None


def _detail(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # a broken __str__ in the learner's exception class
        text = f"<{type(exc).__name__} with an unprintable message>"
    text = " ".join(text.split())
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 3] + "..."


def _nudge(exc: BaseException) -> str:
    text = _detail(exc)
    if isinstance(exc, TypeError | AttributeError) and "NoneType" in text:
        return ". Did a function return None (a missing return statement)?"
    if isinstance(exc, EOFError):
        return ". The checks give no keyboard input: take values as arguments, not input()."
    if isinstance(exc, ModuleNotFoundError):
        return ". Is that package installed in this environment?"
    return ""
