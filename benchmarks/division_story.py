"""The measurements behind docs/division-story.md: why gradient descent fails on the division
net, and what Levenberg-Marquardt learns instead. Every number in the story comes from here.

Sections (training data: `division_dataset(4000, seed=1)`; "random start" means
`division_model(preset=None, seed=s)`, glorot_uniform kernels and zero biases):
1. the kink of the division activation at 0;
2. random starts (seeds 0 .. 999): mean prediction vs mean target, share of output
   pre-activations z > 0, how often both output-weight gradients are positive (mae, mse,
   log_mse), the hidden units' cosine similarity;
3. gradient descent from random starts, as in the original project (Adam lr 1e-4, batch 4,
   MAE; `--epochs` epochs over the 4,000 pairs): whether both output weights fell during the
   first 100 steps, the final output weights, cosine similarity and MAE (quotient units, grid
   step 0.1); also the "trained" preset, the original project's best model;
4. the LM solution (seed 0): its weights and the curvature of the loss there (eigenvalues of
   the Gauss-Newton matrix 2/N JᵀJ of log_mse, all 9 parameters);
5. `pycore.landscape.loss_surface` timing: 100 x 100 slices on 4,000 samples against a
   reference measured in the same run (one `set_weights` + `predict` + loss per point, timed
   on 200 points and scaled to 10,000).

Run from the repository root:  .venv/bin/python -m benchmarks.division_story [--gd-seeds 10]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import pycore
from pycore import data, landscape, losses
from pycore.activations import Division
from pycore.solvers import levenberg_marquardt
from pycore.solvers.residuals import dense_layers, forward, jacobian, residuals


def kink() -> None:
    f = Division()
    f0 = float(f(np.array(0.0)))
    for z in (1e-6, 0.01, -0.01):
        print(f"f({z:g}) - f(0) = {float(f(np.array(z))) - f0:+.6f}")
    print(f"slope at 0: {float(f.derivative(np.array(0.0))):.4f} from the left, "
          f"{float(f.derivative(np.array(1e-300))):.0f} from the right")


def random_starts(x: np.ndarray, y: np.ndarray, count: int) -> None:
    means, positive_z, cosines = [], [], []
    both_positive = dict.fromkeys(("mae", "mse", "log_mse"), 0)
    for seed in range(count):
        model = data.division_model(preset=None, seed=seed)
        cache = forward(dense_layers(model), model.get_weights(), x)
        means.append(float(np.mean(cache.output)))
        positive_z.append(float(np.mean(cache.pre_activations[-1] > 0.0)))
        cosines.append(landscape.hidden_cosine_similarity(model, x))
        for loss in both_positive:
            both_positive[loss] += bool(np.all(landscape.output_gradient_signs(model, x, y,
                                                                               loss) == 1))
    print(f"{count} random starts: mean prediction {statistics.mean(means):.3f} (median "
          f"{statistics.median(means):.3f}) against mean target {float(np.mean(y)):.4f}; output "
          f"z > 0 for {100 * statistics.mean(positive_z):.1f} % of samples on average")
    print("both output-weight gradients > 0: " + ", ".join(
        f"{loss} {n}/{count}" for loss, n in both_positive.items()))
    print(f"hidden cosine similarity at the start: median {statistics.median(cosines):.3f}, "
          f"range {min(cosines):.3f} .. {max(cosines):.3f}")


def describe(model: pycore.Sequential, x: np.ndarray, grid: tuple[np.ndarray, np.ndarray],
             ) -> tuple[np.ndarray, float, float]:
    """(W2, cosine similarity, grid MAE in quotient units)."""
    gx, gy = grid
    mae = float(np.mean(np.abs(model.predict(gx) - gy))) * data.QUOTIENT_SCALE
    return model.get_weights()[2].ravel(), landscape.hidden_cosine_similarity(model, x), mae


def gradient_descent(x: np.ndarray, y: np.ndarray, seeds: int, epochs: int) -> None:
    grid = data.division_grid(0.1)
    fell, both_negative, cosines, maes = 0, 0, [], []
    for seed in range(seeds):
        model = data.division_model(preset=None, seed=seed)
        model.compile(optimizer=pycore.optimizers.get("adam", learning_rate=1e-4), loss="mae")
        w2_start = model.get_weights()[2].ravel()
        model.fit(x[:400], y[:400], epochs=1, batch_size=4, shuffle=False)  # 100 steps
        fell += bool(np.all(model.get_weights()[2].ravel() < w2_start))
        model.fit(x, y, epochs=epochs, batch_size=4, seed=seed)
        w2, cosine, mae = describe(model, x, grid)
        both_negative += bool(np.all(w2 < 0.0))
        cosines.append(cosine)
        maes.append(mae)
        print(f"  seed {seed}: W2 {np.array2string(w2, precision=3)}, cosine {cosine:.4f}, "
              f"MAE {mae:.3f}")
    print(f"Adam lr 1e-4, batch 4, MAE, {epochs} epochs, {seeds} random starts: both output "
          f"weights fell in the first 100 steps in {fell}/{seeds}; both negative at the end in "
          f"{both_negative}/{seeds}; cosine median {statistics.median(cosines):.3f} (range "
          f"{min(cosines):.3f} .. {max(cosines):.3f}); MAE median {statistics.median(maes):.3f},"
          f" best {min(maes):.3f} quotient units")
    w2, cosine, mae = describe(data.division_model("trained"), x, grid)
    print(f"'trained' preset (the original project's best): W2 {w2}, cosine {cosine:.4f}, "
          f"MAE {mae:.3f}")


def solution(x: np.ndarray, y: np.ndarray) -> pycore.Sequential:
    model = data.division_model(preset=None, seed=0)
    levenberg_marquardt(model, x, y, seed=0)
    weights = model.get_weights()
    print("LM solution (seed 0): " + "; ".join(
        f"{name} {np.array2string(w.ravel(), precision=10)}"
        for name, w in zip(("W1", "b1", "W2", "b2"), weights, strict=True)))
    w1 = weights[0]
    scale = max(abs(w1[0, 0]) + abs(w1[1, 1]), abs(w1[0, 1]) + abs(w1[1, 0])) / 2
    print(f"0.03 x W2 = {np.array2string(0.03 * weights[2].ravel(), precision=8)}; hidden "
          f"scale c ~ {scale:.6f}, so hidden_i = 0.03 ln(1e6 c x_i) + 0.5 on the log piece")
    layers = dense_layers(model)
    cache = forward(layers, weights, x)
    jac = jacobian(layers, weights, cache, residuals("log_mse", cache.output, y)[1])
    eigen = np.linalg.eigvalsh(2.0 / len(x) * jac.T @ jac)
    print(f"curvature of log_mse at the solution (Gauss-Newton, 9 parameters): eigenvalues "
          f"{np.array2string(eigen, precision=2)}; largest / smallest {eigen[-1] / eigen[0]:.1e}")
    return model


def landscape_timing(model: pycore.Sequential, x: np.ndarray, y: np.ndarray) -> None:
    a = np.linspace(-40.0, 40.0, 100)
    for refs, values in (([(2, (0, 0)), (2, (1, 0))], a), ([(0, (0, 0)), (0, (1, 1))], a / 40)):
        start = time.perf_counter()
        surface = landscape.loss_surface(model, x, y, refs, values, values, loss="log_mse")
        fast = time.perf_counter() - start
        naive = naive_seconds(model, x, y, refs, values) * surface.size / 200
        print(f"loss_surface 100 x 100 through {refs}, {len(x)} samples: {fast:.2f} s; one "
              f"predict per point would take {naive:.1f} s ({naive / fast:.1f}x slower)")


def naive_seconds(model, x, y, refs, values) -> float:
    """Time of 200 slice points the slow way: set the weights, predict, compute the loss."""
    log_mse, original = losses.get("log_mse"), model.get_weights()
    start = time.perf_counter()
    for k in range(200):
        weights = [w.copy() for w in original]
        weights[refs[0][0]][refs[0][1]] = values[k % 100]
        weights[refs[1][0]][refs[1][1]] = values[k // 100]
        model.set_weights(weights)
        log_mse(y, model.predict(x))
    model.set_weights(original)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--starts", type=int, default=1000)
    parser.add_argument("--gd-seeds", type=int, default=10)
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args()
    x, y = data.division_dataset(4000, seed=1)
    kink()
    random_starts(x, y, args.starts)
    if args.gd_seeds > 0:
        gradient_descent(x, y, args.gd_seeds, args.epochs)
    model = solution(x, y)
    landscape_timing(model, x, y)


if __name__ == "__main__":
    main()
