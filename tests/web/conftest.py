"""Shared fixtures for the view-model tests."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest


@pytest.fixture
def run_coroutine():
    """Run a coroutine to completion on a fresh event loop in its own thread.

    The browser tests drive Playwright's sync API, which keeps an event loop running in the main
    thread for the whole session; ``asyncio.run`` refuses to start beside it.
    """

    def run(coroutine):
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, coroutine).result()

    return run
