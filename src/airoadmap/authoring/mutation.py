"""Mutation testing of an exercise's checks: do they catch small bugs in the reference solution?

    report = run_mutation("m05-pca", limit=40)     # or: airoadmap dev mutate m05-pca
    report.kill_rate            # killed / (tested - declared-equivalent survivors)
    report.unlisted             # survivors that need a check, or a [[survivor]] entry

Each mutant is the exercise's `solution/<file>.py` with one small change: a flipped operator,
a dropped term, a constant off by one, an off-by-one range or slice, two arguments swapped, a
validation removed, a generator unseeded, `return self` made `return None`, a keyword argument
dropped, a condition negated (`OPERATORS` lists them). Every mutant runs the exercise's checks
in its own process (`runner.run_inprocess`, stopping at the first check that does not pass),
under a time limit: it is killed when a check FAILs, ERRORs or the time runs out. A mutant that
already crashes while its module is imported is killed trivially, and counted apart.

A mutant that survives either shows a gap in the checks, or does not change behaviour (an
equivalent mutant: a block size, a sign flip by a factor that is +-1). The exercise folder
declares the latter in `mutation.toml`, each with why it is harmless (`description` is
optional, for the reader):

    [[survivor]]
    key = "kmeans.py:<module>:number:1c0f3a9e"
    description = "`_BLOCK_ELEMENTS = 1 << 20` -> `_BLOCK_ELEMENTS = 1 << 21`"
    why = "the block size only sets how many rows one matrix product takes at a time"

The key is `file:scope:operator:hash`, with `#n` appended for the n-th identical change in
the same function. The hash covers the operator and the text (formatting aside) of the
statement holding the change, before and after: other lines may move or change, and the key
stays.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import multiprocessing
import os
import signal
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeGuard

__all__ = [
    "GOAL_KILL_RATE",
    "OPERATORS",
    "Mutant",
    "MutantResult",
    "MutationReport",
    "Survivor",
    "enumerate_mutants",
    "load_survivors",
    "report_lines",
    "run_mutation",
    "select",
]

GOAL_KILL_RATE = 0.95
MUTATION_FILE = "mutation.toml"

OPERATORS: dict[str, str] = {
    "arith": "an arithmetic operator swapped (+ -, * /, // /, ** *, & |)",
    "drop-term": "a term or factor dropped (a + b -> a), an augmented assignment removed",
    "compare": "a comparison flipped (< <=, > >=, == !=, is / is not, in / not in)",
    "boolop": "and / or swapped",
    "not": "a `not` removed",
    "negate-cond": "the condition of an if, while or conditional expression negated",
    "unary-minus": "a unary minus removed",
    "number": "a number constant off by one (0 -> 1, 1 -> 0, n -> n + 1)",
    "bool": "True / False swapped",
    "range": "range() off by one (stop - 1, start + 1)",
    "slice": "a slice bound off by one",
    "swap-args": "two adjacent positional arguments of a call swapped (not two strings)",
    "drop-kwarg": "a keyword argument removed (axis=, keepdims=, ddof=, ...)",
    "unseed": "a seeded generator made unseeded (default_rng(seed) -> default_rng())",
    "return-self": "`return self` -> `return None`",
    "no-raise": "a raise or assert removed (a validation skipped)",
}

_ARITH_SWAP: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
    ast.BitAnd: ast.BitOr,
    ast.BitOr: ast.BitAnd,
}
_COMPARE_SWAP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
# Keyword arguments whose removal changes nothing worth a check (output plumbing).
_KEEP_KWARGS = frozenset({"dtype", "file", "flush", "sep", "end", "stacklevel"})
_SEEDED = frozenset({"default_rng", "RandomState", "Random", "seed", "SeedSequence", "PCG64"})
_DESCRIPTION_WIDTH = 60


@dataclass(frozen=True)
class Mutant:
    """One mutant of one file: where, what, and its whole source text."""

    id: int  # 1-based position in the enumeration of the exercise's mutants
    key: str  # stable: file:scope:operator:hash[#n]
    file: str
    line: int
    col: int
    operator: str
    description: str
    source: str


@dataclass(frozen=True)
class _Edit:
    node: ast.AST  # the span replaced
    replacement: str  # its new text
    operator: str
    before: str  # ast.unparse of the node
    after: str  # ast.unparse of what replaces it


class _Text:
    """The source as bytes (AST columns count UTF-8 bytes), to cut and patch spans."""

    def __init__(self, source: str) -> None:
        self.raw = source.encode("utf-8")
        self.starts = [0] + [i + 1 for i, byte in enumerate(self.raw) if byte == 0x0A]

    def span(self, node: ast.AST) -> tuple[int, int]:
        begin = self.starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
        end = self.starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[attr-defined]
        return begin, end

    def patched(self, edit: _Edit) -> str:
        """The whole source with the edit applied."""
        begin, end = self.span(edit.node)
        return (self.raw[:begin] + edit.replacement.encode() + self.raw[end:]).decode("utf-8")

    def around(self, context: ast.AST, edit: _Edit) -> tuple[str, str]:
        """The text of `context` (which holds the edit) before and after it, normalised."""
        c_begin, c_end = self.span(context)
        begin, end = self.span(edit.node)
        before = self.raw[c_begin:c_end]
        after = self.raw[c_begin:begin] + edit.replacement.encode() + self.raw[end:c_end]
        return _normal(before.decode()), _normal(after.decode())


def enumerate_mutants(source: str, file: str = "module.py", *, first_id: int = 1) -> list[Mutant]:
    """Every mutant of `source`, top to bottom (the order of a walk of its syntax tree).

    Mutants that do not compile, or whose syntax tree equals the original's or an earlier
    mutant's, are dropped. Docstrings, annotations, f-strings, raise/assert messages,
    decorators and `if __name__ == "__main__"` / `if TYPE_CHECKING` blocks are not mutated.
    """
    tree = ast.parse(source)
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            child._mutation_parent = parent  # type: ignore[attr-defined]
    text = _Text(source)
    collector = _Collector()
    collector.visit(tree)
    seen = {ast.dump(tree)}
    occurrences: dict[tuple[str, str, str, str], int] = {}
    result: list[Mutant] = []
    for scope, edit in collector.edits:
        mutated = text.patched(edit)
        shape = _shape(mutated, file)
        if shape is None or shape in seen:
            continue
        seen.add(shape)
        # The key hashes the statement (or the if/while/for header expression) holding the
        # edit, before and after: other lines may move or change, the key stays.
        root = _root(edit.node)
        if isinstance(edit.node, ast.stmt):
            before, after = edit.before, edit.after
        else:
            before, after = text.around(root, edit)
        parameter = collector.defaults.get(id(root))
        if parameter is not None:  # a parameter's default value: name the parameter
            before, after = f"{parameter}={before}", f"{parameter}={after}"
        ident = (scope, edit.operator, before, after)
        occurrence = occurrences.get(ident, 0)
        occurrences[ident] = occurrence + 1
        digest = hashlib.sha1("\0".join(ident[1:]).encode()).hexdigest()[:8]
        key = f"{file}:{scope}:{edit.operator}:{digest}" + (f"#{occurrence}" if occurrence else "")
        if edit.replacement == "pass":
            description = f"removed `{_clip(edit.before)}`"
        elif isinstance(edit.node, ast.stmt):
            description = f"`{_clip(edit.before)}` -> `{_clip(edit.after)}`"
        elif parameter is not None:
            description = _pair(before, after)
        else:
            description = _pair(*text.around(_readable(edit.node), edit))
        result.append(
            Mutant(
                id=first_id + len(result),
                key=key,
                file=file,
                line=edit.node.lineno,  # type: ignore[attr-defined]
                col=edit.node.col_offset,  # type: ignore[attr-defined]
                operator=edit.operator,
                description=description,
                source=mutated,
            )
        )
    return result


def _parent(node: ast.AST) -> ast.AST | None:
    return getattr(node, "_mutation_parent", None)


def _expression_like(node: ast.AST | None) -> bool:
    return isinstance(node, ast.expr | ast.keyword | ast.comprehension | ast.Slice)


def _positioned(node: ast.AST) -> ast.AST:
    """`node`, or its nearest ancestor with a source position (a comprehension has none)."""
    while not hasattr(node, "end_col_offset"):
        parent = _parent(node)
        assert parent is not None
        node = parent
    return node


_SIMPLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Expr, ast.Delete)


def _root(node: ast.AST) -> ast.AST:
    """The simple statement holding `node`, or (in an if, while, for...) the outermost
    expression holding it; a statement edit is its own root."""
    while isinstance(node, ast.expr | ast.keyword | ast.comprehension) and _expression_like(
        _parent(node)
    ):
        node = _parent(node)  # type: ignore[assignment]
    parent = _parent(node)
    if isinstance(node, ast.expr) and isinstance(parent, _SIMPLE):
        node = parent
    return _positioned(node)


def _readable(node: ast.AST) -> ast.AST:
    """The smallest expression (or one-line statement) holding `node` that reads as more
    than a bare name or number."""
    while isinstance(node, ast.keyword | ast.Slice) or (
        len(ast.unparse(node)) < 16
        and isinstance(node, ast.expr | ast.comprehension)
        and _expression_like(_parent(node))
    ):
        node = _parent(node)  # type: ignore[assignment]
    parent = _parent(node)
    if (
        len(ast.unparse(node)) < 16
        and isinstance(node, ast.expr)
        and isinstance(parent, _SIMPLE)
        and parent.lineno == parent.end_lineno
    ):
        node = parent
    return _positioned(node)


def _normal(text: str) -> str:
    """Source text without its formatting: unparsed when it parses, else spaces collapsed."""
    for code, mode in ((f"(\n{text}\n)", "eval"), (text, "exec")):
        try:
            return ast.unparse(ast.parse(code, mode=mode))
        except SyntaxError:
            continue
    return " ".join(text.split())


def _shape(text: str, file: str) -> str | None:
    """The syntax tree of `text` as a string (formatting and parentheses do not count), or
    None when it does not compile."""
    try:
        tree = ast.parse(text, file)
        compile(tree, file, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    return ast.dump(tree)


def _clip(text: str, width: int = _DESCRIPTION_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _pair(before: str, after: str) -> str:
    """`before` -> `after`, each cut to a window around where they differ."""
    width = _DESCRIPTION_WIDTH
    if len(before) <= width and len(after) <= width:
        return f"`{before}` -> `{after}`"
    prefix = 0
    while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
        prefix += 1
    start = max(0, prefix - width // 3)

    def window(text: str) -> str:
        cut = text[start : start + width]
        return ("..." if start else "") + cut + ("..." if start + width < len(text) else "")

    return f"`{window(before)}` -> `{window(after)}`"


class _Collector(ast.NodeVisitor):
    """Walks a module top to bottom and collects (scope, edit) pairs; scope is the dotted
    name of the enclosing classes and functions ("<module>" at the top level)."""

    def __init__(self) -> None:
        self.edits: list[tuple[str, _Edit]] = []
        self.defaults: dict[int, str] = {}  # id of a parameter's default -> its name
        self._scope: list[str] = []

    # -- helpers ---------------------------------------------------------------------------

    def _add(self, node: ast.AST, new: ast.AST | str, operator: str, *, expr: bool = True) -> None:
        before = ast.unparse(node)
        after = new if isinstance(new, str) else ast.unparse(new)
        replacement = f"({after})" if expr else after
        scope = ".".join(self._scope) or "<module>"
        self.edits.append((scope, _Edit(node, replacement, operator, before, after)))

    # -- scopes and skipped regions --------------------------------------------------------

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._scope.append(node.name)
        self._arguments(node.args)
        self._body(node.body)
        self._scope.pop()

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._arguments(node.args)
        self.visit(node.body)

    def _arguments(self, args: ast.arguments) -> None:
        positional = [*args.posonlyargs, *args.args]
        with_default = positional[len(positional) - len(args.defaults) :]
        named = list(zip(with_default, args.defaults, strict=True))
        named += [
            (a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None
        ]
        for arg, default in named:
            self.defaults[id(default)] = arg.arg
            self.visit(default)

    def _body(self, body: list[ast.stmt]) -> None:
        for index, stmt in enumerate(body):
            if index == 0 and _is_docstring(stmt):
                continue
            self.visit(stmt)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._scope.append(node.name)
        self._body(node.body)
        self._scope.pop()

    def visit_Module(self, node: ast.Module) -> None:
        self._body(node.body)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        return  # f-strings: messages, and their positions are unreliable

    def visit_Import(self, node: ast.Import) -> None:
        return

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        return

    def visit_Assign(self, node: ast.Assign) -> None:
        names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        if "__all__" in names:
            return
        self.generic_visit(node)

    # -- statements ------------------------------------------------------------------------

    def visit_Raise(self, node: ast.Raise) -> None:
        self._add(node, "pass", "no-raise", expr=False)

    def visit_Assert(self, node: ast.Assert) -> None:
        self._add(node, "pass", "no-raise", expr=False)

    def visit_Return(self, node: ast.Return) -> None:
        if isinstance(node.value, ast.Name) and node.value.id == "self":
            self._add(node, "return None", "return-self", expr=False)
            return
        self.generic_visit(node)

    def visit_If(self, node: ast.If) -> None:
        if _is_main_guard(node.test) or _is_type_checking(node.test):
            return
        self._negate(node.test)
        self.generic_visit(node)

    def visit_While(self, node: ast.While) -> None:
        if not (isinstance(node.test, ast.Constant) and node.test.value is True):
            self._negate(node.test)
        self.generic_visit(node)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self._negate(node.test)
        self.generic_visit(node)

    def _negate(self, test: ast.expr) -> None:
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            return  # the `not` operator already removes it
        self._add(test, ast.UnaryOp(op=ast.Not(), operand=test), "negate-cond")

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        swap = _ARITH_SWAP.get(type(node.op))
        if swap is not None:
            self._add(
                node,
                ast.AugAssign(target=node.target, op=swap(), value=node.value),
                "arith",
                expr=False,
            )
        self._add(node, "pass", "drop-term", expr=False)
        self.visit(node.value)
        self._visit_target(node.target)

    def _visit_target(self, target: ast.expr) -> None:
        """Only the index expressions of a store target can be mutated."""
        if isinstance(target, ast.Subscript):
            self.visit(target.slice)
            self._visit_target(target.value)
        elif isinstance(target, ast.Attribute):
            self._visit_target(target.value)

    # -- expressions -----------------------------------------------------------------------

    def visit_BinOp(self, node: ast.BinOp) -> None:
        swap = _ARITH_SWAP.get(type(node.op))
        if swap is not None:
            self._add(node, ast.BinOp(left=node.left, op=swap(), right=node.right), "arith")
        if isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
            self._add(node, node.left, "drop-term")
            if isinstance(node.op, ast.Add | ast.Mult):
                self._add(node, node.right, "drop-term")
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        for index, op in enumerate(node.ops):
            swap = _COMPARE_SWAP.get(type(op))
            if swap is None:
                continue
            ops = list(node.ops)
            ops[index] = swap()
            self._add(node, ast.Compare(left=node.left, ops=ops, comparators=node.comparators),
                      "compare")
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        self._add(node, ast.BoolOp(op=other, values=node.values), "boolop")
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self._add(node, node.operand, "not")
        elif isinstance(node.op, ast.USub):
            self._add(node, node.operand, "unary-minus")
            operand = node.operand
            if isinstance(operand, ast.Constant) and _is_number(operand.value):
                self._add(node, ast.Constant(_off_by_one(-operand.value)), "number")
                return  # a negative number is one constant
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            self._add(node, ast.Constant(not value), "bool")
        elif _is_number(value):
            new = _off_by_one(value)
            parent = _parent(node)
            if (
                new == 0
                and isinstance(parent, ast.BinOp | ast.AugAssign)
                and isinstance(parent.op, ast.Add | ast.Sub)
                and node is (parent.right if isinstance(parent, ast.BinOp) else parent.value)
            ):
                return  # `x + 0` is the drop-term mutant `x`; `x -= 0` removes `x -= 1`
            self._add(node, ast.Constant(new), "number")

    def visit_Subscript(self, node: ast.Subscript) -> None:
        parts = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        for part in parts:
            if not isinstance(part, ast.Slice):
                continue
            if part.upper is not None:
                self._add(part.upper, _moved(part.upper, -1), "slice")
                self._add(part.upper, _moved(part.upper, +1), "slice")
            if part.lower is not None:
                self._add(part.lower, _moved(part.lower, +1), "slice")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node.func)
        if name == "range" and node.args and not node.keywords:
            stop_index = 0 if len(node.args) == 1 else 1
            args = list(node.args)
            args[stop_index] = _moved(node.args[stop_index], -1)
            self._add(node, ast.Call(func=node.func, args=args, keywords=[]), "range")
            if len(node.args) >= 2:
                args = list(node.args)
                args[0] = _moved(node.args[0], +1)
                self._add(node, ast.Call(func=node.func, args=args, keywords=[]), "range")
        if name in _SEEDED and (node.args or node.keywords):
            self._add(node, ast.Call(func=node.func, args=[], keywords=[]), "unseed")
        positional = node.args
        for i in range(len(positional) - 1):
            a, b = positional[i], positional[i + 1]
            if isinstance(a, ast.Starred) or isinstance(b, ast.Starred):
                continue
            if ast.unparse(a) == ast.unparse(b) or (_is_text(a) and _is_text(b)):
                continue  # the same, or two strings (names and words of a message)
            args = list(positional)
            args[i], args[i + 1] = b, a
            self._add(node, ast.Call(func=node.func, args=args, keywords=node.keywords),
                      "swap-args")
        for keyword in node.keywords:
            if keyword.arg is None or keyword.arg in _KEEP_KWARGS:
                continue
            kept = [k for k in node.keywords if k is not keyword]
            self._add(node, ast.Call(func=node.func, args=node.args, keywords=kept),
                      "drop-kwarg")
        self.generic_visit(node)


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _off_by_one(value: float) -> float:
    """0 -> 1, 1 -> 0, any other n -> n + 1 (an int stays an int)."""
    new = 1 if value == 0 else 0 if value == 1 else value + 1
    return type(value)(new)


def _moved(bound: ast.expr, by: int) -> ast.expr:
    """`bound + by`, written as the number it is when `bound` is a number or `x +/- n`
    (so that it reads, and matches other mutants' text, as plainly as it can)."""
    if isinstance(bound, ast.Constant) and type(bound.value) is int:
        return ast.Constant(bound.value + by)
    if (
        isinstance(bound, ast.UnaryOp)
        and isinstance(bound.op, ast.USub)
        and isinstance(bound.operand, ast.Constant)
        and type(bound.operand.value) is int
    ):
        return ast.Constant(by - bound.operand.value)
    if (
        isinstance(bound, ast.BinOp)
        and isinstance(bound.op, ast.Add | ast.Sub)
        and isinstance(bound.right, ast.Constant)
        and type(bound.right.value) is int
    ):
        sign = 1 if isinstance(bound.op, ast.Add) else -1
        total = sign * bound.right.value + by
        if total == 0:
            return bound.left
        op: ast.operator = ast.Add() if total > 0 else ast.Sub()
        return ast.BinOp(left=bound.left, op=op, right=ast.Constant(abs(total)))
    op = ast.Add() if by > 0 else ast.Sub()
    return ast.BinOp(left=bound, op=op, right=ast.Constant(abs(by)))


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _is_main_guard(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
    )


def _is_type_checking(test: ast.expr) -> bool:
    return _call_name(test) == "TYPE_CHECKING"


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def select(mutants: Sequence[Mutant], limit: int | None) -> list[Mutant]:
    """`limit` mutants spread evenly over the enumeration (all when limit is None or larger)."""
    if limit is None or limit >= len(mutants):
        return list(mutants)
    if limit <= 0:
        return []
    step = len(mutants) / limit
    return [mutants[int(i * step)] for i in range(limit)]


# -- declared survivors ----------------------------------------------------------------------


@dataclass(frozen=True)
class Survivor:
    """A `[[survivor]]` entry of mutation.toml: a mutant that is harmless, and why."""

    key: str
    why: str


def load_survivors(folder: Path) -> dict[str, Survivor]:
    """The `[[survivor]]` entries of `folder/mutation.toml` by key ({} when there is none)."""
    from airoadmap.errors import ContentError

    path = folder / MUTATION_FILE
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ContentError(f"{path}: not valid TOML: {exc}") from None
    extra = sorted(set(data) - {"survivor"})
    if extra:
        raise ContentError(f"{path}: unknown table or key {extra[0]!r}: only [[survivor]]")
    found: dict[str, Survivor] = {}
    for number, entry in enumerate(data.get("survivor", []), 1):
        if not isinstance(entry, dict):
            raise ContentError(f"{path}: survivor {number} is not a table: use [[survivor]]")
        unknown = sorted(set(entry) - {"key", "why", "description"})
        key, why = entry.get("key"), entry.get("why")
        if unknown:
            raise ContentError(f"{path}: survivor {number} has an unknown field {unknown[0]!r}")
        if not isinstance(key, str) or not key:
            raise ContentError(f"{path}: survivor {number} needs a key (as `dev mutate` prints)")
        if not isinstance(why, str) or not why.strip():
            raise ContentError(f"{path}: survivor {key} needs a why: what makes it harmless")
        if key in found:
            raise ContentError(f"{path}: survivor {key} is listed twice")
        found[key] = Survivor(key, why.strip())
    return found


# -- running ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MutantResult:
    """What the checks did to one mutant.

    status: "killed" (a check did not pass), "import-crash" (the module fails to import),
    "timeout", "crashed" (its process died without a verdict, as a hard crash would end a
    grading run), "survived", or "error" (the tool failed: the process did not start, or the
    runner raised; no verdict either way).
    """

    mutant: Mutant
    status: str
    check: str = ""  # the first check that did not pass
    detail: str = ""  # its outcome and message, or the crash
    seconds: float = 0.0

    @property
    def killed(self) -> bool:
        return self.status in KILLED


KILLED = ("killed", "import-crash", "timeout", "crashed")


@dataclass
class MutationReport:
    """The mutation run of one exercise."""

    exercise_id: str
    files: list[str]
    total: int  # mutants enumerated
    results: list[MutantResult]
    declared: dict[str, Survivor]
    baseline_s: float
    timeout_s: float
    elapsed_s: float
    jobs: int
    limited: bool = False

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def tested(self) -> int:
        return len(self.results)

    @property
    def killed(self) -> int:
        """Killed by any means: a check, an import crash, the time limit, a crash."""
        return sum(r.killed for r in self.results)

    @property
    def survivors(self) -> list[MutantResult]:
        return [r for r in self.results if r.status == "survived"]

    @property
    def errors(self) -> list[MutantResult]:
        """Mutants the tool could not judge (they count neither way; see `detail`)."""
        return [r for r in self.results if r.status == "error"]

    @property
    def equivalent(self) -> list[MutantResult]:
        """Survivors mutation.toml declares harmless."""
        return [r for r in self.survivors if r.mutant.key in self.declared]

    @property
    def unlisted(self) -> list[MutantResult]:
        """Survivors nobody explained: each needs a check or a [[survivor]] entry."""
        return [r for r in self.survivors if r.mutant.key not in self.declared]

    @property
    def kill_rate(self) -> float | None:
        """killed / (judged mutants - declared-equivalent survivors); None when none count."""
        counted = self.tested - len(self.errors) - len(self.equivalent)
        return self.killed / counted if counted else None

    @property
    def goal_met(self) -> bool:
        """At least GOAL_KILL_RATE, and every mutant judged."""
        rate = self.kill_rate
        return not self.errors and (rate is None or rate >= GOAL_KILL_RATE)

    @property
    def declared_but_killed(self) -> list[str]:
        """Keys listed as harmless whose mutant the checks now kill (stale entries)."""
        return sorted(
            r.mutant.key for r in self.results if r.killed and r.mutant.key in self.declared
        )

    @property
    def declared_unknown(self) -> list[str]:
        """Keys listed that match no mutant (only meaningful without --limit)."""
        if self.limited:
            return []
        keys = {r.mutant.key for r in self.results}
        return sorted(k for k in self.declared if k not in keys)

    def to_json(self) -> dict[str, Any]:
        def result(r: MutantResult) -> dict[str, Any]:
            fields = asdict(r.mutant)
            fields.pop("source")
            return {
                **fields,
                "status": r.status,
                "check": r.check,
                "detail": r.detail,
                "seconds": round(r.seconds, 3),
            }

        def survivor(r: MutantResult) -> dict[str, Any]:
            entry = self.declared.get(r.mutant.key)
            return {**result(r), "why": entry.why if entry else None}

        return {
            "exercise": self.exercise_id,
            "files": self.files,
            "mutants": self.total,
            "tested": self.tested,
            "killed": self.killed,
            "killed_by_checks": self.count("killed"),
            "killed_at_import": self.count("import-crash"),
            "timed_out": self.count("timeout"),
            "crashed": self.count("crashed"),
            "errors": len(self.errors),
            "declared_equivalent": len(self.equivalent),
            "unlisted_survivors": len(self.unlisted),
            "kill_rate": self.kill_rate,
            "goal": GOAL_KILL_RATE,
            "goal_met": self.goal_met,
            "baseline_s": round(self.baseline_s, 3),
            "timeout_s": round(self.timeout_s, 3),
            "elapsed_s": round(self.elapsed_s, 3),
            "jobs": self.jobs,
            "limited": self.limited,
            "declared_but_killed": self.declared_but_killed,
            "declared_unknown": self.declared_unknown,
            "results": [result(r) for r in self.results],
            "survivors": [survivor(r) for r in self.survivors],
            "error_details": [result(r) for r in self.errors],
        }


Progress = Callable[[int, int, MutantResult | None], None]


def run_mutation(
    exercise_id: str,
    *,
    limit: int | None = None,
    jobs: int = 2,
    timeout_s: float | None = None,
    progress: Progress | None = None,
    content: Path | None = None,
) -> MutationReport:
    """Mutate the reference solution of `exercise_id` and run its checks on every mutant.

    limit: test this many mutants, spread evenly over the file(s). jobs: mutants run at once,
    each in its own process. timeout_s: per mutant (default: the exercise's time limit, or
    four times the reference solution's own run if that is longer). progress(done, total,
    result) is called once before the first mutant (result None) and after each one.
    content: the curriculum root (tests).
    """
    from airoadmap.curriculum.loader import exercise_dir, load_model
    from airoadmap.curriculum.models import Exercise
    from airoadmap.errors import AiroadmapError, UnknownIdError

    if jobs < 1:
        raise AiroadmapError(f"--jobs {jobs}: give at least 1")
    if limit is not None and limit < 1:
        raise AiroadmapError(f"--limit {limit}: give at least 1")
    folder = exercise_dir(exercise_id, content)
    if not (folder / "exercise.toml").is_file():
        known = sorted(p.parent.name for p in folder.parent.glob("*/exercise.toml"))
        raise UnknownIdError("exercise", exercise_id, known)
    exercise = load_model(folder / "exercise.toml", Exercise)
    declared = load_survivors(folder)
    files = [f for f in exercise.files if f.endswith(".py")]
    if not files:
        raise AiroadmapError(f"{exercise_id} has no Python file to mutate: {exercise.files}")
    mutants: list[Mutant] = []
    for name in files:
        path = folder / "solution" / name
        if not path.is_file():
            raise AiroadmapError(
                f"{exercise_id} has no reference solution {path}: nothing to mutate"
            )
        text = path.read_text(encoding="utf-8")
        mutants += enumerate_mutants(text, name, first_id=len(mutants) + 1)
    chosen = select(mutants, limit)
    started = time.monotonic()
    limits = exercise.limits
    with _Pool(exercise_id, content, jobs, folder / exercise.checks, limits.memory_mb) as pool:
        original = _original(folder, files)
        baseline = pool.run_many([original], timeout_s=max(4 * limits.timeout_s, 120.0))[0]
        if baseline.status != "survived":
            raise AiroadmapError(
                f"the reference solution of {exercise_id} does not pass its own checks "
                f"({baseline.status} in {baseline.check or 'loading'}: {baseline.detail}): "
                "fix that before mutation testing"
            )
        per_mutant = timeout_s or max(limits.timeout_s, 4 * baseline.seconds)
        if progress:
            progress(0, len(chosen), None)
        done = 0

        def tick(result: MutantResult) -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, len(chosen), result)

        results = pool.run_many(chosen, timeout_s=per_mutant, on_result=tick)
    return MutationReport(
        exercise_id=exercise_id,
        files=files,
        total=len(mutants),
        results=results,
        declared=declared,
        baseline_s=baseline.seconds,
        timeout_s=per_mutant,
        elapsed_s=time.monotonic() - started,
        jobs=jobs,
        limited=len(chosen) < len(mutants),
    )


def _original(folder: Path, files: Sequence[str]) -> Mutant:
    """The unmutated solution, run first: it must pass (the baseline)."""
    name = files[0]
    source = (folder / "solution" / name).read_text(encoding="utf-8")
    return Mutant(0, "original", name, 0, 0, "none", "the reference solution", source)


class _Pool:
    """Up to `jobs` mutants at once, each in its own process (a forkserver child, its own
    process group), killed with its group at the time limit."""

    def __init__(
        self, exercise_id: str, content: Path | None, jobs: int, checks: Path, memory_mb: int
    ) -> None:
        self.exercise_id = exercise_id
        self.content = content
        self.jobs = jobs
        self.memory_mb = memory_mb
        self._preload = _check_imports(checks)
        self._tmp = tempfile.TemporaryDirectory(prefix=f"airoadmap-mutate-{exercise_id}-")

    def __enter__(self) -> _Pool:
        methods = multiprocessing.get_all_start_methods()
        method = "forkserver" if "forkserver" in methods else "spawn"
        self._ctx: Any = multiprocessing.get_context(method)
        if method == "forkserver":
            preload = [__name__, "airoadmap.authoring.runner", *self._preload]
            self._ctx.set_forkserver_preload(preload)
        return self

    def __exit__(self, *exc: object) -> None:
        self._tmp.cleanup()

    def run_many(
        self,
        mutants: Sequence[Mutant],
        *,
        timeout_s: float,
        on_result: Callable[[MutantResult], None] | None = None,
    ) -> list[MutantResult]:
        """Results in the order of `mutants`."""
        from multiprocessing.connection import wait

        pending = list(enumerate(mutants))
        pending.reverse()
        running: dict[int, _Running] = {}
        results: dict[int, MutantResult] = {}
        with _single_threaded_children():
            while pending or running:
                while pending and len(running) < self.jobs:
                    index, mutant = pending.pop()
                    running[index] = self._start(mutant)
                for index, run in list(running.items()):
                    result = run.poll(timeout_s)
                    if result is None:
                        continue
                    del running[index]
                    results[index] = result
                    if on_result:
                        on_result(result)
                if running:
                    soonest = min(r.began for r in running.values()) + timeout_s
                    handles = [h for r in running.values() for h in (r.receive, r.proc.sentinel)]
                    wait(handles, timeout=max(0.01, min(1.0, soonest - time.monotonic())))
        return [results[i] for i in range(len(mutants))]

    def _start(self, mutant: Mutant) -> _Running:
        receive, send = self._ctx.Pipe(duplex=False)
        proc = self._ctx.Process(
            target=_child,
            args=(
                send,
                self.exercise_id,
                self.content,
                mutant.file,
                mutant.source,
                self._tmp.name,
                self.memory_mb,
            ),
            daemon=True,
        )
        with _main_module_hidden():
            proc.start()
        send.close()
        return _Running(proc, receive, time.monotonic(), mutant)


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start a process without the parent's __main__: by default multiprocessing re-runs
    the main script (the CLI, a benchmark, pytest) in every child, which costs time and
    breaks the child when that script is being edited. `_child` needs none of it."""
    import sys
    import types

    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


@dataclass
class _Running:
    """One mutant's process while it runs."""

    proc: Any
    receive: Connection
    began: float
    mutant: Mutant
    started: bool = False  # the child said it is running `_child`

    def poll(self, timeout_s: float) -> MutantResult | None:
        """Its result once there is one: a verdict, a death, or the time limit."""
        elapsed = time.monotonic() - self.began
        while self.receive.poll():
            try:
                data = self.receive.recv()
            except (EOFError, OSError):
                break
            if data["status"] == "started":
                self.started = True
                continue
            self._end()
            return MutantResult(
                self.mutant,
                data["status"],
                data.get("check", ""),
                data.get("detail", ""),
                float(data.get("seconds", elapsed)),
            )
        if not self.proc.is_alive():
            self._end()
            code = self.proc.exitcode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            if not self.started:
                return self._result("error", f"the process failed to start ({how})", elapsed)
            return self._result("crashed", f"the process died ({how})", elapsed)
        if elapsed > timeout_s:
            self._end()
            return self._result("timeout", f"over the {timeout_s:.0f} s limit", elapsed)
        return None

    def _result(self, status: str, detail: str, elapsed: float) -> MutantResult:
        return MutantResult(self.mutant, status, "", detail, elapsed)

    def _end(self) -> None:
        _kill_group(self.proc)
        self.receive.close()


def _kill_group(proc: Any) -> None:
    """Kill the child and anything it started (it leads its own process group)."""
    if proc.pid is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.join(timeout=5)


@contextlib.contextmanager
def _single_threaded_children() -> Iterator[None]:
    """BLAS and OpenMP on one thread in the children (the jobs share the cores); the
    forkserver takes its environment when it starts."""
    names = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
    saved = {n: os.environ.get(n) for n in names}
    for n in names:
        os.environ.setdefault(n, "1")
    try:
        yield
    finally:
        for n, value in saved.items():
            if value is None:
                os.environ.pop(n, None)
            else:
                os.environ[n] = value


def _check_imports(checks: Path) -> list[str]:
    """The modules checks.py imports, at the top or inside a check (the forkserver preloads
    them once, instead of every mutant's process importing them again)."""
    try:
        tree = ast.parse(checks.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return []
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)  # and `from sklearn import metrics` may name a module:
            names += [f"{node.module}.{a.name}" for a in node.names]  # a miss is skipped
    return sorted(set(names))


def _child(
    send: Connection,
    exercise_id: str,
    content: Path | None,
    file: str,
    source: str,
    tmp: str,
    memory_mb: int,
) -> None:
    """In the mutant's process: import it, then run the checks; send one verdict."""
    send.send({"status": "started"})
    os.setsid()
    _limit_memory(memory_mb)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    tempfile.tempdir = tmp
    os.environ["TMPDIR"] = tmp
    started = time.monotonic()
    crash = _import_crash(file, source, tmp)
    if crash is not None:
        send.send({"status": "import-crash", "detail": crash,
                   "seconds": time.monotonic() - started})
        return
    try:
        from airoadmap.authoring.runner import run_inprocess

        result = run_inprocess(exercise_id, {file: source}, stop_at_first_failure=True,
                               content=content)
    except BaseException as exc:  # the content or the runner broke: not the mutant's verdict
        send.send({"status": "error", "check": "", "detail":
                   f"the runner raised {type(exc).__name__}: {exc}"[:300],
                   "seconds": time.monotonic() - started})
        return
    seconds = time.monotonic() - started
    for name, run in result.checks.items():
        if run.outcome != "PASS":
            send.send({"status": "killed", "check": name,
                       "detail": f"{run.outcome}: {run.message}"[:300], "seconds": seconds})
            return
    send.send({"status": "survived", "seconds": seconds})


def _limit_memory(memory_mb: int) -> None:
    """Cap the address space at what the process has now plus the exercise's memory limit
    and 1 GiB (as the grader's sandbox allows for imports): a memory bomb fails fast."""
    try:
        import resource

        with open("/proc/self/statm") as f:
            now = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = now + (memory_mb + 1024) * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, OSError, ValueError):
        pass  # not Linux: the time limit still ends a runaway mutant


def _import_crash(file: str, source: str, tmp: str) -> str | None:
    """The error the mutant raises when its module is imported, or None."""
    import importlib.util
    import sys

    folder = Path(tempfile.mkdtemp(prefix="import-", dir=tmp))
    path = folder / file
    path.write_text(source, encoding="utf-8")
    name = f"_airoadmap_mutant_{Path(file).stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        return f"cannot load {file}"
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, str(folder))
    try:
        spec.loader.exec_module(module)
    except BaseException as exc:
        return f"{type(exc).__name__}: {exc}"[:300]
    finally:
        sys.modules.pop(name, None)
        sys.path.remove(str(folder))
    return None


# -- rendering -------------------------------------------------------------------------------


def report_lines(report: MutationReport) -> list[str]:
    """The report as plain lines: the figures, then each unlisted survivor and stale entry."""
    rate = report.kill_rate
    shown = "n/a" if rate is None else f"{rate:.1%}"
    sample = f" (a sample of {report.tested} of {report.total})" if report.limited else ""
    crashed = f", {report.count('crashed')} crashed" if report.count("crashed") else ""
    lines = [
        f"{report.exercise_id}: {report.tested} mutants{sample} of {', '.join(report.files)}, "
        f"{report.killed} killed ({report.count('killed')} by a check, "
        f"{report.count('import-crash')} at import, {report.count('timeout')} timed out"
        f"{crashed}), {len(report.equivalent)} declared equivalent, {len(report.unlisted)} "
        f"unlisted survivors.",
        f"Kill rate {shown} (goal {GOAL_KILL_RATE:.0%}: {'met' if report.goal_met else 'NOT met'})"
        f"; {report.elapsed_s:.0f} s, {report.jobs} jobs, {report.timeout_s:.0f} s per mutant.",
    ]
    if report.unlisted:
        lines.append("")
        lines.append(
            f"Survivors: add a check that kills each, or a [[survivor]] entry with its key and "
            f"why to {MUTATION_FILE} if it cannot change behaviour:"
        )
        for r in report.unlisted:
            m = r.mutant
            lines.append(f"  {m.file}:{m.line}  {m.description}")
            lines.append(f'      key = "{m.key}"')
    if report.errors:
        lines.append("")
        lines.append(f"Not judged ({len(report.errors)}: the tool failed, run again):")
        lines += [f"  {r.mutant.file}:{r.mutant.line}  {r.detail}" for r in report.errors]
    if report.declared_but_killed:
        lines.append("")
        lines.append(f"Listed in {MUTATION_FILE} but killed now (remove the entry):")
        lines += [f"  {k}" for k in report.declared_but_killed]
    if report.declared_unknown:
        lines.append("")
        lines.append(f"Listed in {MUTATION_FILE} but no mutant has that key (remove the entry):")
        lines += [f"  {k}" for k in report.declared_unknown]
    return lines
