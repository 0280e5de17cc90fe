"""How long `pycore.diagnostics.layer_statistics` takes on the homework's deep net, in CPython.

The net of the deep-nets tab's homework presets: 30 SELU layers of 100 units (lecun_normal), one
linear output, 1,000 examples with N(0, 1) inputs, MSE. The reference measured in the same run
is `model.gradients(x, y)`: one forward and one backward pass without any statistics, which the
probe cannot beat (it needs both passes). The runs take turns, each figure is the median of
`--repeats`, so that load from other processes affects both alike.

Run from the repository root:  .venv/bin/python -m benchmarks.deep_probe [--repeats 9]
OpenBLAS uses every core by default; on a shared 2-core machine `OPENBLAS_NUM_THREADS=1` is
both faster and steadier (the figures in benchmarks/README.md say which was used).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from pycore import Dense, Sequential
from pycore.diagnostics import layer_statistics


def homework_net(depth: int, width: int) -> Sequential:
    layers = [Dense(width, activation="selu", kernel_initializer="lecun_normal", input_dim=width)]
    layers += [Dense(width, activation="selu", kernel_initializer="lecun_normal")
               for _ in range(depth - 1)]
    model = Sequential([*layers, Dense(1)], seed=0)
    model.compile(optimizer="sgd", loss="mse")
    return model


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--depth", type=int, default=30)
    parser.add_argument("--width", type=int, default=100)
    parser.add_argument("--samples", type=int, default=1000)
    args = parser.parse_args()
    model = homework_net(args.depth, args.width)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(args.samples, args.width))
    y = rng.normal(size=(args.samples, 1))
    runs = {"gradients (reference)": lambda: model.gradients(x, y),
            "layer_statistics": lambda: layer_statistics(model, x, y)}
    for run in runs.values():
        run()  # warm-up
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeats):
        for name, run in runs.items():
            times[name].append(timed(run))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{args.depth} x {args.width} on {args.samples} examples, median of {args.repeats}:")
    for name, value in medians.items():
        print(f"  {name:<22} {value * 1000:8.1f} ms")
    ratio = medians["layer_statistics"] / medians["gradients (reference)"]
    print(f"  layer_statistics / gradients = {ratio:.2f}")


if __name__ == "__main__":
    main()
