"""The experiments' one loop: slices, the page's turn between them, Stop, restart."""

from __future__ import annotations

from web.experiments.runner import LiveExperiment, run_in_slices


class Counter(LiveExperiment):
    """Counts to ``target`` one unit at a time; remembers every run it started."""

    def __init__(self, target: int, **params: object) -> None:
        super().__init__(**params)
        self.target, self.count, self.starts, self.finished = target, 0, 0, 0

    def start(self) -> None:
        self.starts += 1
        self.count = 0

    def unit(self) -> bool:
        self.count += 1
        return self.count < self.target

    def finish(self) -> None:
        self.finished += 1


def test_units_until_done_with_a_show_after_every_slice(run_coroutine) -> None:
    done, shows = [], []

    def unit() -> bool:
        done.append(1)
        return len(done) < 10

    run_coroutine(run_in_slices(unit, lambda: True, lambda: shows.append(len(done)),
                                max_units=3))
    assert len(done) == 10 and shows == [3, 6, 9, 10]


def test_keep_going_false_stops_before_the_next_unit(run_coroutine) -> None:
    done = []
    run_coroutine(run_in_slices(lambda: done.append(1) or True, lambda: len(done) < 4,
                                lambda: None, max_units=1))
    assert len(done) == 4


def test_run_live_runs_once_and_clears_running(run_coroutine) -> None:
    counter = Counter(5)
    run_coroutine(counter.run_live())
    assert (counter.count, counter.starts, counter.finished) == (5, 1, 1)
    assert not counter.running and counter.revision > 0


def test_restart_during_a_run_ends_it_and_starts_the_next(run_coroutine) -> None:
    counter = Counter(1000)
    counter.UNITS_PER_SLICE = 2

    def click(_event: object) -> None:
        if counter.starts == 1 and counter.count >= 2:
            counter.restart()
        elif counter.starts == 2 and counter.count >= 4:
            counter.running = False

    counter.param.watch(click, "revision")
    run_coroutine(counter.run_live())
    assert counter.starts == 2 and counter.finished == 2 and counter.count < 1000


def test_run_now_is_a_whole_run_without_pauses() -> None:
    counter = Counter(7)
    counter.run_now()
    assert (counter.count, counter.starts, counter.finished) == (7, 1, 1)
