"""Safe parser for user-typed formulas such as ``"x*tanh(x)"``.

Students type activation functions into the browser, so the text is untrusted. It is parsed
with :mod:`ast` and checked against a small whitelist, then evaluated by walking the tree with
NumPy. Nothing is ever passed to ``eval``/``exec``/``compile``, so there is no way to reach
Python objects (``__import__``, attributes, ``().__class__`` ...).

Allowed:
  * numbers (int or float literals; evaluated as float64, so ``9**9`` cannot become a huge
    Python integer),
  * the declared variables (default just ``x``) and the constants ``pi`` and ``e``,
  * ``+ - * / **`` and unary ``+``/``-``,
  * calls of the whitelisted functions in :data:`FUNCTIONS`, positional arguments only.

Rejected with :class:`FormulaError`: anything else (attributes, subscripts, strings, lambdas,
comprehensions, keywords, comparisons ...), texts longer than :data:`MAX_LENGTH` characters,
trees deeper than :data:`MAX_DEPTH`, and powers whose exponent does not involve a variable
but exceeds :data:`MAX_CONSTANT_EXPONENT` in magnitude (``9**9**9``): such a literal is almost
surely a mistake or an attempt to stall the page.

Evaluation runs under ``np.errstate(all="ignore")``: ``log(-1)`` gives ``nan`` and ``1/0``
gives ``inf`` like NumPy does, without warnings; callers decide what to do with non-finite
values (the training loop already stops on them).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

import numpy as np

# Re-exported for one release: these moved to pycore.numerics (import them from there).
from pycore.numerics import EXP_FLOOR as EXP_FLOOR
from pycore.numerics import exp_nonpositive as exp_nonpositive
from pycore.numerics import sigmoid as sigmoid

MAX_LENGTH = 200
MAX_DEPTH = 24
MAX_CONSTANT_EXPONENT = 64.0


class FormulaError(ValueError):
    """The formula text is not an allowed expression (the message says why)."""


#: name -> (numpy function, number of positional arguments)
FUNCTIONS: dict[str, tuple[Callable[..., np.ndarray], int]] = {
    "exp": (np.exp, 1),
    "log": (np.log, 1),
    "sqrt": (np.sqrt, 1),
    "abs": (np.abs, 1),
    "tanh": (np.tanh, 1),
    "sin": (np.sin, 1),
    "cos": (np.cos, 1),
    "sigmoid": (sigmoid, 1),
    "maximum": (np.maximum, 2),
    "minimum": (np.minimum, 2),
}
CONSTANTS: dict[str, float] = {"pi": float(np.pi), "e": float(np.e)}

_BINARY_OPS: dict[type, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: np.divide,
    ast.Pow: np.power,
}
_UNARY_OPS: dict[type, Callable[[np.ndarray], np.ndarray]] = {
    ast.USub: np.negative,
    ast.UAdd: np.positive,
}


class Formula:
    """A checked formula; call it with one array per declared variable (positionally)."""

    def __init__(self, text: str, tree: ast.expr, variables: tuple[str, ...]) -> None:
        self.text = text
        self.variables = variables
        self._tree = tree

    def __call__(self, *args: np.ndarray) -> np.ndarray:
        if len(args) != len(self.variables):
            raise TypeError(f"formula takes {len(self.variables)} argument(s), got {len(args)}")
        env = {name: np.asarray(a, dtype=np.float64) for name, a in zip(self.variables, args,
                                                                       strict=True)}
        with np.errstate(all="ignore"):
            out = _evaluate(self._tree, env)
        shape = np.broadcast_shapes(*(v.shape for v in env.values()))
        return np.array(np.broadcast_to(out, shape), dtype=np.float64)

    def __repr__(self) -> str:
        return f"Formula({self.text!r})"


def compile_formula(text: str, variables: Sequence[str] = ("x",)) -> Formula:
    """Parse and check ``text``; return a :class:`Formula` callable on float64 arrays.

    Raises :class:`FormulaError` (a ``ValueError``) with a readable reason if the text is not
    an allowed expression.
    """
    if not isinstance(text, str):
        raise FormulaError("the formula must be text")
    variables = tuple(variables)
    clash = set(variables) & (set(FUNCTIONS) | set(CONSTANTS))
    if clash:
        raise FormulaError(f"variable names clash with built-ins: {sorted(clash)}")
    stripped = text.strip()
    if not stripped:
        raise FormulaError("the formula is empty")
    if len(stripped) > MAX_LENGTH:
        raise FormulaError(f"the formula is longer than {MAX_LENGTH} characters")
    try:
        module = ast.parse(stripped, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise FormulaError(f"cannot parse the formula: {exc}") from None
    _check(module.body, variables, depth=1)
    return Formula(stripped, module.body, variables)


def _check(node: ast.AST, variables: tuple[str, ...], depth: int) -> None:
    """Reject every node that is not on the whitelist (recursively)."""
    if depth > MAX_DEPTH:
        raise FormulaError(f"the formula is nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise FormulaError(f"only numbers are allowed as constants, not {node.value!r}")
        try:
            float(node.value)
        except OverflowError:
            raise FormulaError("a number in the formula is too large") from None
    elif isinstance(node, ast.Name):
        if node.id not in variables and node.id not in CONSTANTS:
            raise FormulaError(_unknown_name_message(node.id, variables))
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY_OPS:
            raise FormulaError("only + - * / ** are allowed as operators")
        _check(node.left, variables, depth + 1)
        _check(node.right, variables, depth + 1)
        if isinstance(node.op, ast.Pow):
            _check_exponent(node.right)
    elif isinstance(node, ast.UnaryOp):
        if type(node.op) not in _UNARY_OPS:
            raise FormulaError("only unary + and - are allowed")
        _check(node.operand, variables, depth + 1)
    elif isinstance(node, ast.Call):
        _check_call(node, variables, depth)
    else:
        raise FormulaError(f"{type(node).__name__} is not allowed in a formula")


def _check_call(node: ast.Call, variables: tuple[str, ...], depth: int) -> None:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        shown = node.func.id if isinstance(node.func, ast.Name) else type(node.func).__name__
        raise FormulaError(
            f"cannot call {shown!r}; allowed functions: {', '.join(sorted(FUNCTIONS))}"
        )
    if node.keywords:
        raise FormulaError("keyword arguments are not allowed")
    arity = FUNCTIONS[node.func.id][1]
    if len(node.args) != arity or any(isinstance(a, ast.Starred) for a in node.args):
        raise FormulaError(f"{node.func.id} takes exactly {arity} argument(s)")
    for arg in node.args:
        _check(arg, variables, depth + 1)


def _check_exponent(node: ast.expr) -> None:
    """Reject constant exponents larger than MAX_CONSTANT_EXPONENT (e.g. ``9**9**9``)."""
    if any(isinstance(n, ast.Name) and n.id not in CONSTANTS for n in ast.walk(node)):
        return
    with np.errstate(all="ignore"):
        value = float(_evaluate(node, {}))
    if not np.isfinite(value) or abs(value) > MAX_CONSTANT_EXPONENT:
        raise FormulaError(
            f"constant exponents must be at most {MAX_CONSTANT_EXPONENT:g} in magnitude"
        )


def _unknown_name_message(name: str, variables: tuple[str, ...]) -> str:
    known = [*variables, *sorted(CONSTANTS)]
    if name in FUNCTIONS:
        return f"{name!r} is a function: call it like {name}(x)"
    return f"unknown name {name!r}; use {', '.join(known)} or a function call"


def _evaluate(node: ast.expr, env: dict[str, np.ndarray]) -> np.ndarray:
    """Walk a checked tree; every value is a float64 array (never a Python int)."""
    if isinstance(node, ast.Constant):
        return np.float64(node.value)
    if isinstance(node, ast.Name):
        if node.id in env:
            return env[node.id]
        return np.float64(CONSTANTS[node.id])
    if isinstance(node, ast.BinOp):
        op = _BINARY_OPS[type(node.op)]
        return op(_evaluate(node.left, env), _evaluate(node.right, env))
    if isinstance(node, ast.UnaryOp):
        return _UNARY_OPS[type(node.op)](_evaluate(node.operand, env))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        func = FUNCTIONS[node.func.id][0]
        return func(*(_evaluate(a, env) for a in node.args))
    raise FormulaError(f"{type(node).__name__} is not allowed in a formula")
