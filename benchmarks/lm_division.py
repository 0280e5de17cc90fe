"""Learning the division net from scratch: Levenberg-Marquardt vs full-batch Adam, same run.

For seeds s = 0 .. N-1: `division_model(preset=None, seed=s)`, 4,000 training pairs
(`division_dataset(4000, seed=1)`), `levenberg_marquardt(..., seed=s)` with its defaults
(log_mse, 100 iterations, variable projection). Success means MAE <= 1e-6 in quotient units
(prediction x 100) on the full 1.00-19.99 grid in steps of 0.01 (3.61 million pairs). Printed:
success rate, MAE median and worst, time per run (median and worst) and the learnt weights.

Reference, measured in the same run and meant to answer "is LM just a faster way to the same
place?": full-batch Adam (Keras defaults, lr 1e-3, the best of 1e-3 / 1e-2 / 3e-2 / 0.1 in a
short trial; 3e-2 and above diverge to the saturated output) on the same loss from the same
start (LM's start: positive hidden kernel, output layer solved by least squares) for the same
wall time as that seed's LM run. The ratio printed is Adam's MAE / LM's MAE at equal time:
how many times less accurate the gradient method is with the same budget. It is not a claim
about Adam's best possible result with unlimited time and tuning.

Also: joint LM on all 9 parameters (`variable_projection=False`) for comparison, and with
`--init-scan` the start ablation quoted in `pycore/solvers/start.py` (sign and scale of the
hidden kernel's start, 20 seeds each, MAE on the grid in steps of 0.1).

Run from the repository root:  .venv/bin/python -m benchmarks.lm_division [--seeds 10]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import pycore
from pycore import data
from pycore.callbacks import Callback
from pycore.solvers import LevenbergMarquardt, levenberg_marquardt

GOAL = 1e-6
TRAIN_SEED = 1


def grid_mae(model: pycore.Sequential, grid: tuple[np.ndarray, np.ndarray]) -> float:
    """Mean |prediction - target| in quotient units over the grid, in slices (memory)."""
    x, y = grid
    total = 0.0
    for start in range(0, len(x), 500_000):
        pred = model.predict(x[start:start + 500_000])
        total += float(np.sum(np.abs(pred - y[start:start + 500_000])))
    return total / len(x) * data.QUOTIENT_SCALE


class Deadline(Callback):
    """Stops `fit` after the batch during which the wall-clock deadline passed."""

    def __init__(self, deadline: float) -> None:
        super().__init__()
        self.deadline = deadline
        self.steps = 0

    def on_batch_end(self, batch: int, logs: dict[str, float] | None = None) -> None:
        self.steps += 1
        if time.perf_counter() > self.deadline:
            self.model.stop_training = True


def adam_for(seconds: float, x: np.ndarray, y: np.ndarray, seed: int,
             ) -> tuple[pycore.Sequential, int]:
    """Full-batch Adam (lr 1e-3) on log_mse from LM's start, for ``seconds``; (model, steps)."""
    model = data.division_model(preset=None, seed=seed)
    LevenbergMarquardt(model, x, y, max_iter=0, seed=seed)  # writes LM's start, no iteration
    model.compile(optimizer=pycore.optimizers.get("adam", learning_rate=1e-3), loss="log_mse")
    deadline = Deadline(time.perf_counter() + seconds)
    model.fit(x, y, epochs=10**9, batch_size=len(x), shuffle=False, callbacks=[deadline])
    return model, deadline.steps


def summary(name: str, maes: list[float], times: list[float]) -> None:
    wins = sum(m <= GOAL for m in maes)
    print(f"{name}: {wins}/{len(maes)} reach MAE <= {GOAL:g}; MAE median "
          f"{statistics.median(maes):.2e}, worst {max(maes):.2e}; time per run median "
          f"{statistics.median(times):.3f} s, worst {max(times):.3f} s")


def lm_runs(seeds: int, x: np.ndarray, y: np.ndarray, grid: tuple[np.ndarray, np.ndarray],
            ) -> None:
    maes, times, adam_maes = [], [], []
    for seed in range(seeds):
        model = data.division_model(preset=None, seed=seed)
        start = time.perf_counter()
        history = levenberg_marquardt(model, x, y, seed=seed)
        times.append(time.perf_counter() - start)
        maes.append(grid_mae(model, grid))
        loss = history.history["loss"]
        w1, b1, w2, b2 = model.get_weights()
        print(f"seed {seed}: {times[-1]:.3f} s, log_mse {loss[0]:.2e} -> {loss[-1]:.2e}, MAE "
              f"{maes[-1]:.2e}; W1 {np.array2string(w1.ravel(), precision=6)} b1 "
              f"{np.array2string(b1, precision=3)} W2 {np.array2string(w2.ravel(), precision=5)}"
              f" b2 {b2[0]:.6f}")
        adam, steps = adam_for(times[-1], x, y, seed)
        adam_maes.append(grid_mae(adam, grid))
        print(f"    Adam, same start and time: {steps} steps, MAE {adam_maes[-1]:.2e} "
              f"({adam_maes[-1] / maes[-1]:.1e} x LM's)")
    summary("LM + variable projection", maes, times)
    summary("full-batch Adam, same time", adam_maes, times)
    ratios = [a / m for a, m in zip(adam_maes, maes, strict=True)]
    print(f"Adam MAE / LM MAE at equal time: median {statistics.median(ratios):.1e}, "
          f"smallest {min(ratios):.1e}")


def joint_runs(seeds: int, x: np.ndarray, y: np.ndarray, grid: tuple[np.ndarray, np.ndarray],
               ) -> None:
    maes, times = [], []
    for seed in range(seeds):
        model = data.division_model(preset=None, seed=seed)
        start = time.perf_counter()
        levenberg_marquardt(model, x, y, seed=seed, variable_projection=False)
        times.append(time.perf_counter() - start)
        maes.append(grid_mae(model, grid))
    summary("joint LM, all 9 parameters", maes, times)


def init_scan(x: np.ndarray, y: np.ndarray) -> None:
    """Success of LM + projection from hidden kernels N(0, s) with and without abs()."""
    grid = data.division_grid(0.1)
    for scale in (0.005, 0.05, 0.5, 5.0):
        for positive in (True, False):
            maes = []
            for seed in range(20):
                rng = np.random.default_rng(seed)
                kernel = rng.normal(0.0, scale, (2, 2))
                model = data.division_model(preset=None, seed=seed)
                start = [np.abs(kernel) if positive else kernel, np.zeros(2),
                         np.zeros((2, 1)), np.zeros(1)]  # output layer: solved by LM
                solver = LevenbergMarquardt(model, x, y, seed=seed, start=start)
                while not solver.done:
                    solver.step()
                maes.append(grid_mae(model, grid))
            label = f"|N(0, {scale})|" if positive else f" N(0, {scale}) "
            print(f"hidden kernel {label:>15}: {sum(m <= GOAL for m in maes)}/20 reach MAE "
                  f"<= {GOAL:g}, median {statistics.median(maes):.1e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--grid-step", type=float, default=0.01)
    parser.add_argument("--init-scan", action="store_true")
    args = parser.parse_args()
    x, y = data.division_dataset(4000, seed=TRAIN_SEED)
    grid = data.division_grid(args.grid_step)
    print(f"division net 2-2-1 from scratch: 4000 training pairs (seed {TRAIN_SEED}), MAE in "
          f"quotient units on the grid step {args.grid_step} ({len(grid[0])} pairs)")
    lm_runs(args.seeds, x, y, grid)
    joint_runs(args.seeds, x, y, grid)
    if args.init_scan:
        init_scan(x, y)


if __name__ == "__main__":
    main()
