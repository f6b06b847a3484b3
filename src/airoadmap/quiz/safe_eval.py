"""Evaluate a short Python expression typed by a learner, safely.

Nothing is handed to `eval`: the expression is parsed with `ast` and this module walks the
tree itself, accepting only

- literals: numbers, strings, True/False/None; tuples, lists and sets of them;
- arithmetic (+ - * / // % **), unary + - not, comparisons (== != < <= > >= in, not in),
  `and`/`or`, indexing and slicing (`x[0]`, `x[1:]`);
- a few names: the constants pi, e, inf and the functions in FUNCTIONS (abs, min, max,
  round, len, sum, sqrt, exp, log, log2, log10, comb, factorial), called with positional
  arguments only.

No attribute access, no other names or calls, no comprehensions, lambdas or imports. Sizes
are bounded before any work is done, so `9**9**9` or `[0] * 10**9` are refused at once
instead of hanging: integers up to MAX_INT_BITS bits, strings up to MAX_STR characters and
at most MAX_ITEMS elements in a value (counting nested ones).
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Sequence
from typing import Any

MAX_SOURCE = 300  # characters of the expression
MAX_NODES = 200  # nodes of the parsed tree
MAX_DEPTH = 40  # nesting of the tree
MAX_INT_BITS = 4096  # about 1233 decimal digits
MAX_STR = 10_000  # characters of a string value
MAX_ITEMS = 10_000  # elements of a value, nested ones included
MAX_COMB = 1000  # largest n of comb(n, k) and factorial(n)

Value = Any  # int | float | str | bool | None | tuple | list | set of those


class EvalError(ValueError):
    """The expression is refused or fails; the message is one line for the learner."""


# -- sizes ---------------------------------------------------------------------------------


def _items(value: Value, limit: int = MAX_ITEMS) -> int:
    """Elements in `value`, nested ones included; stops counting past `limit`."""
    if not isinstance(value, tuple | list | set | frozenset):
        return 0
    count = 0
    for item in value:
        count += 1 + _items(item, limit - count)
        if count > limit:
            break
    return count


def _check_size(value: Value) -> Value:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise EvalError("The result is too large (integers are limited to about 1200 digits).")
    if isinstance(value, str) and len(value) > MAX_STR:
        raise EvalError(f"The result is too large (strings are limited to {MAX_STR} characters).")
    if isinstance(value, complex):
        raise EvalError("Complex numbers are not supported here.")
    if _items(value) > MAX_ITEMS:
        raise EvalError(f"The result is too large (at most {MAX_ITEMS} elements).")
    return value


def _is_number(value: Value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_sequence(value: Value) -> bool:
    return isinstance(value, tuple | list | str)


def _type_name(value: Value) -> str:
    return "None" if value is None else type(value).__name__


# -- operators ------------------------------------------------------------------------------


def _numbers(op: str, a: Value, b: Value) -> None:
    if not (isinstance(a, int | float) and isinstance(b, int | float)):
        raise EvalError(f"'{op}' needs two numbers, got {_type_name(a)} and {_type_name(b)}.")


def _add(a: Value, b: Value) -> Value:
    if _is_sequence(a) and type(a) is type(b):
        if isinstance(a, str):
            too_big = len(a) + len(b) > MAX_STR
        else:
            too_big = _items(a) + _items(b) > MAX_ITEMS
        if too_big:
            raise EvalError("The result is too large.")
        return a + b
    _numbers("+", a, b)
    return a + b


def _mul(a: Value, b: Value) -> Value:
    if _is_sequence(b) and isinstance(a, int):
        a, b = b, a
    if _is_sequence(a) and isinstance(b, int):
        times = max(int(b), 0)
        size = (len(a) if isinstance(a, str) else _items(a)) * times
        if size > (MAX_STR if isinstance(a, str) else MAX_ITEMS):
            raise EvalError("The result is too large.")
        return a * times
    _numbers("*", a, b)
    if (
        isinstance(a, int)
        and isinstance(b, int)
        and a.bit_length() + b.bit_length() > (MAX_INT_BITS + 1)
    ):
        raise EvalError("The result is too large.")
    return a * b


def _pow(a: Value, b: Value) -> Value:
    _numbers("**", a, b)
    # An integer power is computed exactly: refuse it when its size is known to be too large.
    huge = isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1
    if huge and b * (abs(a).bit_length() - 1) > MAX_INT_BITS:
        raise EvalError("The result is too large (a power with a huge exponent).")
    return a**b


def _arith(op: str, fn: Callable[[Any, Any], Any]) -> Callable[[Value, Value], Value]:
    def apply(a: Value, b: Value) -> Value:
        _numbers(op, a, b)
        return fn(a, b)

    return apply


BINARY: dict[type[ast.operator], Callable[[Value, Value], Value]] = {
    ast.Add: _add,
    ast.Sub: _arith("-", operator.sub),
    ast.Mult: _mul,
    ast.Div: _arith("/", operator.truediv),
    ast.FloorDiv: _arith("//", operator.floordiv),
    ast.Mod: _arith("%", operator.mod),
    ast.Pow: _pow,
}

COMPARE: dict[type[ast.cmpop], Callable[[Value, Value], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


# -- functions ------------------------------------------------------------------------------


def _numeric_args(name: str, args: Sequence[Value]) -> None:
    for a in args:
        if not isinstance(a, int | float):
            raise EvalError(f"{name}() needs numbers, got {_type_name(a)}.")


def _collection(name: str, args: Sequence[Value]) -> Sequence[Value]:
    if len(args) == 1 and isinstance(args[0], tuple | list | set | frozenset):
        items = list(args[0])
    else:
        items = list(args)
    if not items:
        raise EvalError(f"{name}() of nothing.")
    return items


def _fn_min(*args: Value) -> Value:
    return min(_collection("min", args))


def _fn_max(*args: Value) -> Value:
    return max(_collection("max", args))


def _fn_sum(*args: Value) -> Value:
    if len(args) != 1 or not isinstance(args[0], tuple | list | set | frozenset):
        raise EvalError("sum() takes one list or tuple of numbers.")
    _numeric_args("sum", list(args[0]))
    return sum(args[0])


def _fn_len(*args: Value) -> Value:
    if len(args) != 1 or not isinstance(args[0], tuple | list | set | frozenset | str):
        raise EvalError("len() takes one list, tuple, set or string.")
    return len(args[0])


def _fn_abs(*args: Value) -> Value:
    if len(args) != 1:
        raise EvalError("abs() takes one number.")
    _numeric_args("abs", args)
    return abs(args[0])


def _fn_round(*args: Value) -> Value:
    if not 1 <= len(args) <= 2:
        raise EvalError("round() takes a number and, optionally, a number of digits.")
    _numeric_args("round", args)
    if len(args) == 2:
        if not isinstance(args[1], int) or abs(args[1]) > 100:
            raise EvalError("round()'s digits must be a whole number from -100 to 100.")
        return round(args[0], args[1])
    return round(args[0])


def _float_fn(name: str, fn: Callable[..., float], arity: tuple[int, ...] = (1,)) -> Callable:
    def apply(*args: Value) -> Value:
        if len(args) not in arity:
            raise EvalError(f"{name}() takes {' or '.join(map(str, arity))} number(s).")
        _numeric_args(name, args)
        return fn(*args)

    return apply


def _fn_comb(*args: Value) -> Value:
    if len(args) != 2 or not all(isinstance(a, int) and not isinstance(a, bool) for a in args):
        raise EvalError("comb(n, k) takes two whole numbers.")
    if not 0 <= args[0] <= MAX_COMB:
        raise EvalError(f"comb(n, k) needs 0 <= n <= {MAX_COMB}.")
    return math.comb(args[0], args[1])


def _fn_factorial(*args: Value) -> Value:
    if len(args) != 1 or not (isinstance(args[0], int) and not isinstance(args[0], bool)):
        raise EvalError("factorial(n) takes one whole number.")
    if not 0 <= args[0] <= MAX_COMB // 2:
        raise EvalError(f"factorial(n) needs 0 <= n <= {MAX_COMB // 2}.")
    return math.factorial(args[0])


FUNCTIONS: dict[str, Callable[..., Value]] = {
    "abs": _fn_abs,
    "min": _fn_min,
    "max": _fn_max,
    "round": _fn_round,
    "len": _fn_len,
    "sum": _fn_sum,
    "sqrt": _float_fn("sqrt", math.sqrt),
    "exp": _float_fn("exp", math.exp),
    "log": _float_fn("log", math.log, (1, 2)),
    "log2": _float_fn("log2", math.log2),
    "log10": _float_fn("log10", math.log10),
    "comb": _fn_comb,
    "factorial": _fn_factorial,
}
CONSTANTS: dict[str, float] = {"pi": math.pi, "e": math.e, "inf": math.inf}


# -- the walk -------------------------------------------------------------------------------


def _refuse(node: ast.AST) -> EvalError:
    what = {
        ast.Attribute: "attribute access (a.b)",
        ast.Lambda: "lambda",
        ast.ListComp: "comprehensions",
        ast.SetComp: "comprehensions",
        ast.DictComp: "comprehensions",
        ast.GeneratorExp: "comprehensions",
        ast.Dict: "dictionaries",
        ast.NamedExpr: "assignment (:=)",
        ast.JoinedStr: "f-strings",
        ast.Starred: "* unpacking",
        ast.IfExp: "conditional expressions",
        ast.Await: "await",
    }.get(type(node), type(node).__name__)
    return EvalError(f"Not allowed here: {what}. Use numbers, lists, tuples and arithmetic.")


def _depth(node: ast.AST, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of the tree, iteratively (stops past `limit`)."""
    deepest = 0
    stack = [(node, 1)]
    while stack:
        n, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        stack.extend((c, d + 1) for c in ast.iter_child_nodes(n))
    return deepest


class _Evaluator:
    """Walks a parsed expression; each node kind has one method."""

    def eval(self, node: ast.AST) -> Value:
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise _refuse(node)
        return _check_size(method(node))

    def _Constant(self, node: ast.Constant) -> Value:
        v = node.value
        if v is None or isinstance(v, bool | int | float | str):
            return v
        raise EvalError(f"Not allowed here: a {type(v).__name__} literal.")

    def _Name(self, node: ast.Name) -> Value:
        if node.id in CONSTANTS:
            return CONSTANTS[node.id]
        if node.id in FUNCTIONS:
            raise EvalError(f"{node.id} is a function: call it, e.g. {node.id}(...).")
        raise EvalError(f"Unknown name '{node.id}'. Type a value, not a variable.")

    def _Tuple(self, node: ast.Tuple) -> Value:
        return tuple(self.eval(e) for e in node.elts)

    def _List(self, node: ast.List) -> Value:
        return [self.eval(e) for e in node.elts]

    def _Set(self, node: ast.Set) -> Value:
        return {self.eval(e) for e in node.elts}

    def _UnaryOp(self, node: ast.UnaryOp) -> Value:
        v = self.eval(node.operand)
        if isinstance(node.op, ast.Not):
            return not v
        if not isinstance(v, int | float) or isinstance(node.op, ast.Invert):
            raise EvalError(f"Unary {type(node.op).__name__} needs a number.")
        return -v if isinstance(node.op, ast.USub) else +v

    def _BinOp(self, node: ast.BinOp) -> Value:
        fn = BINARY.get(type(node.op))
        if fn is None:
            raise EvalError(f"Operator {type(node.op).__name__} is not allowed here.")
        return fn(self.eval(node.left), self.eval(node.right))

    def _BoolOp(self, node: ast.BoolOp) -> Value:
        value: Value = None
        for v in node.values:
            value = self.eval(v)
            if isinstance(node.op, ast.And) and not value:
                return value
            if isinstance(node.op, ast.Or) and value:
                return value
        return value

    def _Compare(self, node: ast.Compare) -> Value:
        left = self.eval(node.left)
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            right = self.eval(right_node)
            if not COMPARE[type(op)](left, right):
                return False
            left = right
        return True

    def _Subscript(self, node: ast.Subscript) -> Value:
        target = self.eval(node.value)
        if not isinstance(target, tuple | list | str):
            raise EvalError(f"Only lists, tuples and strings can be indexed, not {target!r}.")
        if isinstance(node.slice, ast.Slice):
            parts = [
                None if p is None else self.eval(p)
                for p in (node.slice.lower, node.slice.upper, node.slice.step)
            ]
            if not all(
                p is None or (isinstance(p, int) and not isinstance(p, bool)) for p in parts
            ):
                raise EvalError("Slice bounds must be whole numbers.")
            return target[slice(*parts)]
        index = self.eval(node.slice)
        if not isinstance(index, int) or isinstance(index, bool):
            raise EvalError("An index must be a whole number.")
        return target[index]

    def _Call(self, node: ast.Call) -> Value:
        if not isinstance(node.func, ast.Name):
            raise _refuse(node.func)
        if node.func.id not in FUNCTIONS:
            shown = node.func.id
            allowed = ", ".join(sorted(FUNCTIONS))
            raise EvalError(f"Calling {shown} is not allowed here; you may use {allowed}.")
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise EvalError(f"Call {node.func.id}() with plain positional arguments.")
        return FUNCTIONS[node.func.id](*(self.eval(a) for a in node.args))


def safe_eval(source: str) -> Value:
    """The value of `source`, a short expression; EvalError (one line) if refused or failing."""
    text = source.strip()
    if not text:
        raise EvalError("The expression is empty.")
    if len(text) > MAX_SOURCE:
        raise EvalError(f"The expression is too long (at most {MAX_SOURCE} characters).")
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        msg = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
        raise EvalError(f"Not a valid Python expression: {msg}.") from None
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES or _depth(tree) > MAX_DEPTH:
        raise EvalError("The expression is too complicated; keep it short.")
    try:
        return _Evaluator().eval(tree.body)
    except EvalError:
        raise
    except ZeroDivisionError:
        raise EvalError("Division by zero.") from None
    except OverflowError:
        raise EvalError("A number got too large.") from None
    except IndexError:
        raise EvalError("An index is out of range.") from None
    except (TypeError, ValueError) as exc:
        raise EvalError(f"That cannot be computed: {exc}.") from None
    except RecursionError:
        raise EvalError("The expression is too complicated; keep it short.") from None


def same_value(
    given: Value, expected: Value, *, rel_tol: float = 1e-9, abs_tol: float = 1e-12
) -> bool:
    """Whether two evaluated values are the same answer.

    Numbers compare within the tolerances (an int equals the float of the same value);
    booleans only equal booleans; tuples and lists compare element by element (a shape
    typed as `[3, 2]` is the same answer as `(3, 2)`); anything else with ==.
    """
    if isinstance(expected, bool) or isinstance(given, bool):
        return isinstance(expected, bool) and isinstance(given, bool) and given == expected
    if _is_number(expected) and _is_number(given):
        if math.isnan(expected) or math.isnan(given):
            return math.isnan(expected) and math.isnan(given)
        return math.isclose(given, expected, rel_tol=rel_tol, abs_tol=abs_tol)
    if isinstance(expected, tuple | list) and isinstance(given, tuple | list):
        return len(given) == len(expected) and all(
            same_value(g, x, rel_tol=rel_tol, abs_tol=abs_tol)
            for g, x in zip(given, expected, strict=True)
        )
    return type(given) is type(expected) and bool(given == expected)
