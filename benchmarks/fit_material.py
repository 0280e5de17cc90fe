"""The four runs of "watch a network learn" (course material 002), reproduced with pycore.

    python -m benchmarks.fit_material [--epochs 300] [--seed 0]

Runs the card's presets — ReLU with 300 and 600 neurons, linear and sigmoid with 300 — exactly
as the Experiments tab does (``web.experiments.fit.model.FitLab``: 1,000 points, Adam lr 1e-3,
batch 32) in this CPython process, and prints the MSE after epochs 1, 10, 100 and the last, the
compute time per epoch and its ratio to the ReLU-300 run measured in the same process. For a
linear run it also prints the least-squares line's MSE, which no net of linear neurons can beat.
"""

from __future__ import annotations

import argparse

from web.experiments.fit import task
from web.experiments.fit.model import PRESETS, FitLab

MARKS = (1, 10, 100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    marks = [m for m in MARKS if m < args.epochs] + [args.epochs]
    print(f"{'run':>12} " + " ".join(f"{'MSE@' + str(m):>9}" for m in marks)
          + f" {'ms/epoch':>9} {'x ReLU-300':>10}")
    base = None
    for name, (width, activation) in PRESETS.items():
        lab = FitLab(width=width, activation=activation, epochs=args.epochs, seed=args.seed,
                     ghosts=[m for m in marks if m in FitLab.param.ghosts.objects])
        lab.run_now()
        run = lab.run
        base = base or run.ms_per_epoch
        print(f"{name:>12} " + " ".join(f"{run.mse_at[m]:9.4f}" for m in marks)
              + f" {run.ms_per_epoch:9.1f} {run.ms_per_epoch / base:10.2f}")
        if activation == "linear":
            x, y = lab.data()
            print(f"{'':>12} best straight line: MSE {task.best_line(x, y)[2]:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
