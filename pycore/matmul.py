"""The matrix product of Dense layers, fast where NumPy has no BLAS (Pyodide, the static site).

Why a module of its own: in Pyodide, NumPy's ``@`` runs its own loop without BLAS, and that
loop is most of the time of a deep net's forward and backward pass (the deep-nets tab probes 30
layers of 100 units on 1,000 examples: 93 products of 10 million multiply-adds each).
``np.einsum("ij,jk->ik", a, b)`` with a C-ordered ``b`` runs as rows of ``out[i] += a[i, j] *
b[j]``, contiguous in ``b`` and ``out``: measured in Node's Pyodide 0.27.7, 1.3-1.7x faster than
``a @ b`` for (1000 x 100) @ (100 x 100) and about 2x for ``x.T @ g`` (see benchmarks/README.md,
``deepnets_site.py``). Each entry is the same sum in the same order as NumPy's own loop
(``a[i, 0] * b[0, k] + a[i, 1] * b[1, k] + ...``, starting from 0), so the results are bit for
bit those of ``@`` there. With BLAS (CPython) ``@`` is far faster and stays.

For narrow results (few columns) or small products ``@`` is faster in Pyodide too (einsum's
set-up dominates), hence the thresholds.
"""

from __future__ import annotations

import sys

import numpy as np

#: True where NumPy has no BLAS: Pyodide (Emscripten) builds NumPy without one.
NO_BLAS = sys.platform == "emscripten"
#: The row-update product pays off in Pyodide from this many result columns ...
MIN_COLUMNS = 32
#: ... and this many multiply-adds (measured in Node's Pyodide; below, ``@`` is as fast).
MIN_WORK = 50_000


def matmul(a: np.ndarray, b: np.ndarray, no_blas: bool | None = None,
           out: np.ndarray | None = None) -> np.ndarray:
    """``a @ b`` for 2-D float arrays, computed the fastest way this NumPy has (into ``out``
    if given: a float64 array of the result's shape).

    An outer product (inner dimension 1, e.g. a net's single input or single output) is a
    broadcast product: NumPy without BLAS loops over every output element for it, about three
    times slower, and each entry is one product either way. Without BLAS (``no_blas``; None:
    :data:`NO_BLAS`) a large product with many columns is :func:`ordered_matmul`.
    """
    if a.shape[-1] == 1:
        return np.multiply(a, b, out=out)
    large = b.shape[1] >= MIN_COLUMNS and a.size * b.shape[1] >= MIN_WORK
    if large and (NO_BLAS if no_blas is None else no_blas):
        return ordered_matmul(a, b, out)
    return np.matmul(a, b, out=out)


def ordered_matmul(a: np.ndarray, b: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``a @ b`` with every entry summed over the inner index in order, from 0, as rows of
    ``out[i] += a[i, j] * b[j]`` (``b`` is copied to C order first if it is not: that keeps
    the loop contiguous and its order fixed)."""
    if not b.flags.c_contiguous:
        b = np.ascontiguousarray(b)
    return np.einsum("ij,jk->ik", a, b, out=out)
