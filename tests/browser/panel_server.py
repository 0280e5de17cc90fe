"""Pytest fixture that runs the real app under ``panel serve`` for browser tests.

Why a subprocess and not ``pn.serve`` in a thread: see :mod:`labtools.serve` (the app must run
exactly as a user starts it). Use it from a test module with a plain import (pytest then sees
the fixture in that module)::

    from panel_server import panel_app_url  # noqa: F401  (pytest fixture)

    def test_something(panel_app_url, guarded_page): ...

``tests/browser`` has no ``__init__.py``, so pytest's default (prepend) import mode puts this
directory on ``sys.path`` and ``import panel_server`` works.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from labtools import REPO_ROOT
from labtools.serve import serve_app, server_log

# Test modules import these from here too (``from panel_server import REPO_ROOT, server_log``).
__all__ = ["REPO_ROOT", "panel_app_url", "server_log"]


@pytest.fixture(scope="session")
def panel_app_url() -> Iterator[str]:
    """URL of the app served by a fresh ``panel serve`` process (one per test session)."""
    with serve_app() as url:
        yield url
