"""One training epoch of the division network: pycore vs PyTorch CPU eager, in the same run.

Task (as in the original project): 24 000 examples, batch 32 (750 steps), Adam (lr 1e-3,
Keras defaults), MAE, the 2-2-1 net with the division activation on both layers, float64,
no shuffling (so both frameworks see the same batches in the same order), the same seeded
glorot_uniform initial weights. Each timed run starts from those weights and a fresh optimizer.

Why the comparison matters: for a net this small the cost is per-step overhead (Python calls,
small-array allocation, autograd bookkeeping), not arithmetic. pycore must beat torch eager
comfortably, or the browser lab would be faster with a heavyweight framework it cannot load.

The torch model is the same function written with torch ops and differentiated by autograd;
the script prints how far pycore's first-batch gradients are from autograd's (~1e-16). The
weights after a whole epoch still differ (~0.1): torch.optim.Adam adds epsilon to
sqrt(v_hat) while Keras (and pycore) add it to sqrt(v) with the bias correction folded into
the step size, and this net (slope jump 0.5 -> 30000 at 0, MAE's sign) amplifies any
difference over 750 steps -- even a Keras-formula Adam written in torch drifts from 1e-13
after 100 steps to 1e-2 after 750. torch is optional: without it only pycore is timed.

Run from the repository root:  .venv/bin/python -m benchmarks.epoch_division [--repeats 7]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from pycore import division
from pycore.activations import Division

try:
    import torch
except ImportError:  # the comparison is optional
    torch = None


def pycore_epoch(x: np.ndarray, y: np.ndarray, init: list[np.ndarray], batch_size: int,
                 ) -> Callable[[], tuple[float, list[np.ndarray]]]:
    """A closure that trains a fresh copy of the net for one epoch; returns (loss, weights)."""

    def run() -> tuple[float, list[np.ndarray]]:
        model = division.division_model(preset=None, seed=0)  # compiled with adam + mae
        model.set_weights(init)
        history = model.fit(x, y, epochs=1, batch_size=batch_size, shuffle=False, verbose=0)
        return history.history["loss"][-1], model.get_weights()

    return run


def torch_division(z: torch.Tensor) -> torch.Tensor:
    """Division activation with torch ops; each piece sees only its own domain (clamp), so
    autograd never meets an overflow, and the kink at 0 takes the left piece (as pycore)."""
    exp_part = Division.EXP_SCALE * torch.exp(torch.clamp(z, max=0.0) - 1.0)
    log_part = Division.LOG_SCALE * torch.log1p(
        Division.LOG_INNER * torch.clamp(z, 0.0, Division.SEAM)) + 0.5
    rec_part = 1.0 - 1.0 / (Division.REC_SLOPE * torch.clamp(z, min=Division.SEAM)
                            - Division.REC_SHIFT)
    return torch.where(z <= 0.0, exp_part, torch.where(z <= Division.SEAM, log_part, rec_part))


def torch_loss(params: list[torch.Tensor], xb: torch.Tensor, yb: torch.Tensor) -> torch.Tensor:
    w1, b1, w2, b2 = params
    pred = torch_division(torch_division(xb @ w1 + b1) @ w2 + b2)
    return torch.mean(torch.abs(pred - yb))


def torch_params(init: list[np.ndarray]) -> list[torch.Tensor]:
    return [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in init]


def torch_epoch(x: np.ndarray, y: np.ndarray, init: list[np.ndarray], batch_size: int,
                threads: int) -> Callable[[], tuple[float, list[np.ndarray]]]:
    """The same epoch as a plain PyTorch training loop (float64, autograd, torch.optim.Adam
    with Keras' epsilon 1e-7) on ``threads`` intra-op threads."""
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def run() -> tuple[float, list[np.ndarray]]:
        torch.set_num_threads(threads)
        params = torch_params(init)
        optimizer = torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
        total = 0.0
        for start in range(0, xt.shape[0], batch_size):
            xb, yb = xt[start:start + batch_size], yt[start:start + batch_size]
            optimizer.zero_grad()
            loss = torch_loss(params, xb, yb)
            loss.backward()
            optimizer.step()
            total += loss.item() * xb.shape[0]
        return total / xt.shape[0], [p.detach().numpy().copy() for p in params]

    return run


def gradient_gap(x: np.ndarray, y: np.ndarray, init: list[np.ndarray]) -> float:
    """Largest relative difference between pycore's hand-written gradients and torch
    autograd on one batch: the two trainings differ only through the optimizer."""
    model = division.division_model(preset=None, seed=0)
    model.set_weights(init)
    ours = model.gradients(x, y)
    params = torch_params(init)
    torch_loss(params, torch.from_numpy(x), torch.from_numpy(y)).backward()
    return max(float(np.max(np.abs(a - p.grad.numpy()) / np.maximum(np.abs(a), 1e-300)))
               for a, p in zip(ours, params, strict=True))


def interleaved_medians(runs: dict[str, Callable[[], Any]], repeats: int,
                        ) -> dict[str, tuple[float, Any]]:
    """Median wall time of ``repeats`` calls of each run after one warm-up call each, and
    each run's last result. The runs take turns within every round, so that a change in
    machine load (other processes on a shared machine) hits all of them alike and the
    ratios stay meaningful even when the absolute times do not."""
    results = {name: run() for name, run in runs.items()}
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            results[name] = run()
            times[name].append(time.perf_counter() - start)
    return {name: (statistics.median(times[name]), results[name]) for name in runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--samples", type=int, default=24_000)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    x, y = division.division_dataset(args.samples, seed=0)
    init = division.division_model(preset=None, seed=0).get_weights()
    steps = -(-args.samples // args.batch_size)
    print(f"division net 2-2-1, {args.samples} samples, batch {args.batch_size} "
          f"({steps} steps), Adam + MAE, float64, median of {args.repeats}")

    runs = {"pycore": pycore_epoch(x, y, init, args.batch_size)}
    if torch is None:
        print("torch is not installed: timing pycore only (pip install torch to compare)")
    else:
        default_threads = torch.get_num_threads()
        print(f"torch {torch.__version__}, default threads {default_threads}; first-batch "
              f"gradients pycore vs autograd: max relative difference "
              f"{gradient_gap(x[:args.batch_size], y[:args.batch_size], init):.1e}")
        for threads in sorted({1, default_threads}):
            runs[f"torch eager, {threads} thread(s)"] = torch_epoch(
                x, y, init, args.batch_size, threads)
    timed = interleaved_medians(runs, args.repeats)
    if torch is not None:
        torch.set_num_threads(default_threads)

    t_pycore, (loss_pycore, w_pycore) = timed.pop("pycore")
    print(f"{'pycore':<23}: {t_pycore * 1e3:8.1f} ms/epoch "
          f"({t_pycore / steps * 1e6:6.1f} us/step)  loss {loss_pycore:.6g}")
    for name, (t_torch, (loss_torch, w_torch)) in timed.items():
        gap = max(float(np.max(np.abs(a - b))) for a, b in zip(w_pycore, w_torch, strict=True))
        print(f"{name:<23}: {t_torch * 1e3:8.1f} ms/epoch "
              f"({t_torch / steps * 1e6:6.1f} us/step)  loss {loss_torch:.6g}  "
              f"torch/pycore = {t_torch / t_pycore:.2f}x  max |weight difference| {gap:.2g}")


if __name__ == "__main__":
    main()
