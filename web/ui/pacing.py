"""How a training loop gives the page its turn between updates.

Python runs on one thread (Pyodide's worker, or the server's event loop), so a loop that trains
must await now and then for clicks and redraws to get through.
"""

from __future__ import annotations

import asyncio

PAUSE_SECONDS = 0.01


async def yield_to_events() -> None:
    """Let pending events (clicks, typed values) and redraws run before the next update."""
    await asyncio.sleep(PAUSE_SECONDS)
