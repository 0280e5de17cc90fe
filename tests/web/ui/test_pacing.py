"""The training loop's pacing: yield once per frame, let pending callbacks run, no fixed tax."""

import asyncio

import pytest

from web.ui import pacing
from web.ui.pacing import FramePacer


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_yields_only_when_a_frame_has_passed(run_coroutine):
    clock = FakeClock()
    pacer = FramePacer(frame_seconds=0.016, clock=clock)
    ran = []

    async def work():
        loop = asyncio.get_running_loop()
        loop.call_soon(ran.append, "early")  # pending like a click in the worker's queue
        clock.now = 0.010
        await pacer.tick()  # within the frame: no yield, the callback has not run
        seen_before = list(ran)
        clock.now = 0.020
        await pacer.tick()  # a frame has passed: yield, the callback runs
        return seen_before

    assert run_coroutine(work()) == []
    assert ran == ["early"]


def test_frame_zero_yields_every_tick_and_the_clock_restarts_after_a_yield(run_coroutine):
    clock = FakeClock()
    assert FramePacer(frame_seconds=0.0, clock=clock).due()
    pacer = FramePacer(frame_seconds=0.016, clock=clock)
    clock.now = 0.016
    assert pacer.due()
    run_coroutine(pacer.tick())
    assert not pacer.due()


def test_under_cpython_the_server_keeps_its_10_ms_rest_after_every_epoch():
    """A zero-delay yield starves Tornado's websocket (web/ui/pacing.py); Pyodide gets 1/60, 0."""
    assert not pacing.IN_BROWSER
    assert (FramePacer().frame_seconds, FramePacer().sleep_seconds) == (0.0, 0.01)


def test_negative_settings_are_refused():
    with pytest.raises(ValueError, match=">= 0"):
        FramePacer(sleep_seconds=-0.01)
    with pytest.raises(ValueError, match=">= 0"):
        FramePacer(frame_seconds=-1)


def test_background_work_waits_while_a_loop_runs_and_for_the_quiet_time(run_coroutine):
    order = []

    async def background():
        await pacing.until_quiet(0.2, poll_s=0.01)
        order.append("background")

    async def lecture():
        task = asyncio.ensure_future(background())
        with pacing.LiveLoop():
            await asyncio.sleep(0.1)
            order.append("loop ended")
        await asyncio.sleep(0.1)  # not yet quiet for 0.2 s
        order.append("still quiet time")
        await task

    run_coroutine(lecture())
    assert order == ["loop ended", "still quiet time", "background"]
