"""The one loop every experiment card runs its work in: slices of computing, then the page.

Python runs on one thread (Pyodide's worker, or the server's event loop). A card's work is cut
into small units (an epoch, an optimizer step); :func:`run_in_slices` does units for about
``SLICE_S`` seconds, lets the card show what happened, and awaits
:func:`web.ui.pacing.yield_to_events` so that clicks (Stop, another setting) and redraws get
through. Fewer, larger slices cost less drawing per epoch; a slice of 0.25 s keeps Stop
answering within a fraction of a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from web.ui import pacing

SLICE_S = 0.25


async def run_in_slices(unit: Callable[[], bool], keep_going: Callable[[], bool],
                        show: Callable[[], None], slice_s: float = SLICE_S) -> None:
    """Call ``unit()`` until it returns False (done) or ``keep_going()`` is False (stopped);
    ``show()`` after every slice and at the end."""
    try:
        while keep_going():
            deadline = time.perf_counter() + slice_s
            while keep_going() and time.perf_counter() < deadline:
                if not unit():
                    return
            show()
            await pacing.yield_to_events()
    finally:
        show()
