"""The mutants of a reference solution: one small change each, with a stable key."""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeGuard

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
