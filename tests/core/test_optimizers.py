"""Tests for pycore.optimizers against Keras 3's update rules.

The reference below is written independently of the vectorised code: one scalar element at a
time with the ``math`` module, textbook moving averages (``b * m + (1 - b) * g`` rather than
Keras' incremental ``m + (g - m) * (1 - b)``), Nadam's momentum product recomputed from scratch
every step, and FTRL's branchy ``if |z| <= l1`` form from the Keras docstring.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from pycore import optimizers
from pycore.optimizers import Optimizer, get, names

# Keras 3 constructor defaults, copied from the keras/src/optimizers/*.py signatures.
_ADAM = {"learning_rate": 0.001, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7}
KERAS_DEFAULTS = {
    "sgd": {"learning_rate": 0.01, "momentum": 0.0, "nesterov": False},
    "rmsprop": {"learning_rate": 0.001, "rho": 0.9, "momentum": 0.0, "epsilon": 1e-7,
                "centered": False},
    "adam": {**_ADAM, "amsgrad": False},
    "adamax": _ADAM,
    "nadam": _ADAM,
    "adagrad": {"learning_rate": 0.001, "initial_accumulator_value": 0.1, "epsilon": 1e-7},
    "adadelta": {"learning_rate": 0.001, "rho": 0.95, "epsilon": 1e-7},
    "ftrl": {"learning_rate": 0.001, "learning_rate_power": -0.5, "initial_accumulator_value": 0.1,
             "l1_regularization_strength": 0.0, "l2_regularization_strength": 0.0,
             "l2_shrinkage_regularization_strength": 0.0, "beta": 0.0},
}


# ---------------------------------------------------------------- scalar reference
def ref_sgd(hp, s, g, w, lr, t):
    mom = hp["momentum"]
    if mom == 0:
        return w - lr * g
    s["m"] = mom * s.get("m", 0.0) - lr * g
    if hp["nesterov"]:
        return w + mom * s["m"] - lr * g
    return w + s["m"]


def ref_rmsprop(hp, s, g, w, lr, t):
    rho, eps = hp["rho"], hp["epsilon"]
    s["v"] = rho * s.get("v", 0.0) + (1 - rho) * g * g
    if hp["centered"]:
        s["a"] = rho * s.get("a", 0.0) + (1 - rho) * g
        denom = s["v"] - s["a"] ** 2 + eps
    else:
        denom = s["v"] + eps
    inc = lr * g / math.sqrt(denom)
    if hp["momentum"] > 0:
        s["mom"] = hp["momentum"] * s.get("mom", 0.0) + inc
        return w - s["mom"]
    return w - inc


def _moments(hp, s, g):
    b1, b2 = hp["beta_1"], hp["beta_2"]
    s["m"] = b1 * s.get("m", 0.0) + (1 - b1) * g
    s["v"] = b2 * s.get("v", 0.0) + (1 - b2) * g * g


def ref_adam(hp, s, g, w, lr, t):
    _moments(hp, s, g)
    v = s["v"]
    if hp["amsgrad"]:
        s["vhat"] = max(s.get("vhat", 0.0), v)
        v = s["vhat"]
    alpha = lr * math.sqrt(1 - hp["beta_2"] ** t) / (1 - hp["beta_1"] ** t)
    return w - alpha * s["m"] / (math.sqrt(v) + hp["epsilon"])


def ref_adamax(hp, s, g, w, lr, t):
    b1 = hp["beta_1"]
    s["m"] = b1 * s.get("m", 0.0) + (1 - b1) * g
    s["u"] = max(hp["beta_2"] * s.get("u", 0.0), abs(g))
    return w - lr / (1 - b1**t) * s["m"] / (s["u"] + hp["epsilon"])


def ref_nadam(hp, s, g, w, lr, t):
    def mu(k):
        return hp["beta_1"] * (1 - 0.5 * 0.96**k)

    prod_t = math.prod(mu(k) for k in range(1, t + 1))
    prod_next = prod_t * mu(t + 1)
    _moments(hp, s, g)
    m_hat = mu(t + 1) * s["m"] / (1 - prod_next) + (1 - mu(t)) * g / (1 - prod_t)
    v_hat = s["v"] / (1 - hp["beta_2"] ** t)
    return w - lr * m_hat / (math.sqrt(v_hat) + hp["epsilon"])


def ref_adagrad(hp, s, g, w, lr, t):
    s["acc"] = s.get("acc", hp["initial_accumulator_value"]) + g * g
    return w - lr * g / math.sqrt(s["acc"] + hp["epsilon"])


def ref_adadelta(hp, s, g, w, lr, t):
    rho, eps = hp["rho"], hp["epsilon"]
    s["eg"] = rho * s.get("eg", 0.0) + (1 - rho) * g * g
    dx = -math.sqrt(s.get("edx", 0.0) + eps) / math.sqrt(s["eg"] + eps) * g
    s["edx"] = rho * s.get("edx", 0.0) + (1 - rho) * dx * dx
    return w + lr * dx


def ref_ftrl(hp, s, g, w, lr, t):
    p = -hp["learning_rate_power"]
    l1 = hp["l1_regularization_strength"]
    n = s.get("n", hp["initial_accumulator_value"])
    n_new = n + g * g
    sigma = (n_new**p - n**p) / lr
    s["z"] = s.get("z", 0.0) + g + 2 * hp["l2_shrinkage_regularization_strength"] * w - sigma * w
    s["n"] = n_new
    z = s["z"]
    if abs(z) <= l1:
        return 0.0
    l2 = hp["l2_regularization_strength"] + hp["beta"] / (2 * lr)
    return (math.copysign(l1, z) - z) / (n_new**p / lr + 2 * l2)


REFERENCE = {name: globals()[f"ref_{name}"] for name in KERAS_DEFAULTS}


def reference_run(name, kwargs, params, grad_steps, lrs):
    hp = {**KERAS_DEFAULTS[name], **kwargs}
    weights = [p.ravel().tolist() for p in params]
    states = [[{} for _ in w] for w in weights]
    for t, (grads, lr) in enumerate(zip(grad_steps, lrs, strict=True), start=1):
        for w, grad, state in zip(weights, grads, states, strict=True):
            for i, g in enumerate(grad.ravel().tolist()):
                w[i] = REFERENCE[name](hp, state[i], g, w[i], lr, t)
    return [np.array(w).reshape(p.shape) for w, p in zip(weights, params, strict=True)]


# ---------------------------------------------------------------- multi-step comparison
CASES = [
    ("sgd", {}, 0.1), ("sgd", {"momentum": 0.9}, 0.1),
    ("sgd", {"momentum": 0.8, "nesterov": True}, 0.1),
    ("rmsprop", {}, 0.1), ("rmsprop", {"momentum": 0.5}, 0.1),
    ("rmsprop", {"centered": True}, 0.1),
    ("rmsprop", {"centered": True, "momentum": 0.7, "rho": 0.8}, 0.1),
    ("adam", {}, 0.1), ("adam", {"amsgrad": True}, 0.1),
    ("adam", {"beta_1": 0.5, "beta_2": 0.9, "epsilon": 1e-3}, 0.1),
    ("adamax", {}, 0.1), ("nadam", {}, 0.1), ("nadam", {"beta_1": 0.8, "beta_2": 0.95}, 0.1),
    ("adagrad", {}, 0.1), ("adagrad", {"initial_accumulator_value": 0.0, "epsilon": 1e-3}, 0.1),
    ("adadelta", {}, 1.0), ("adadelta", {"rho": 0.5}, 1.0),
    ("ftrl", {}, 0.1),
    ("ftrl", {"l1_regularization_strength": 0.05, "l2_regularization_strength": 0.1,
              "l2_shrinkage_regularization_strength": 0.2, "beta": 0.3}, 0.1),
    ("ftrl", {"learning_rate_power": -0.7, "initial_accumulator_value": 0.0}, 0.1),
]
LR_FACTORS = (1.0, 1.0, 0.3, 2.0, 0.5)  # learning rate changes between steps on purpose


def problem(seed=0):
    """Two parameters of different shapes and five steps of shrinking gradients."""
    rng = np.random.default_rng(seed)
    params = [rng.normal(size=(3,)), rng.normal(size=(2, 3))]
    grads = [[rng.normal(size=p.shape) * 2.0 / (k + 1) for p in params] for k in range(5)]
    return params, grads


def run(opt, params, grad_steps, lrs):
    for grads, lr in zip(grad_steps, lrs, strict=True):
        opt.learning_rate = lr
        opt.apply(grads, params)


@pytest.mark.parametrize(("name", "kwargs", "lr"), CASES)
def test_matches_scalar_reference_over_several_steps(name, kwargs, lr):
    params, grad_steps = problem()
    lrs = [lr * f for f in LR_FACTORS]
    expected = reference_run(name, kwargs, params, grad_steps, lrs)
    opt = get(name, learning_rate=lrs[0], **kwargs)
    start = [p.copy() for p in params]
    run(opt, params, grad_steps, lrs)
    assert opt.iterations == len(grad_steps)
    for got, want, before in zip(params, expected, start, strict=True):
        assert not np.allclose(got, before)  # something actually moved
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(("l1", "zeros"), [(0.0, 0), (2.0, 3), (100.0, 9)])
def test_ftrl_l1_produces_exact_zeros(l1, zeros):
    params, grad_steps = problem()
    kwargs = {"l1_regularization_strength": l1}
    expected = reference_run("ftrl", kwargs, params, grad_steps, [0.1] * 5)
    run(get("ftrl", learning_rate=0.1, **kwargs), params, grad_steps, [0.1] * 5)
    assert sum(int(np.count_nonzero(p == 0.0)) for p in params) == zeros
    for got, want in zip(params, expected, strict=True):
        np.testing.assert_array_equal(got == 0.0, want == 0.0)


# ---------------------------------------------------------------- hand-computed steps
# (optimizer, w0, gradients, kwargs, expected w after each step, abs tolerance); every number
# below was worked out by hand/calculator from the Keras 3 formula in the comment above it.
HAND = [
    # plain, default lr 0.01: 1 - 0.01*0.5 = 0.995
    ("sgd", 1.0, [0.5], {}, [0.995], 1e-15),
    # momentum 0.9, lr 0.1, g 0.5: m1 = -0.05 -> w 0.95; m2 = 0.9*-0.05 - 0.05 = -0.095 -> 0.855
    ("sgd", 1.0, [0.5, 0.5], {"learning_rate": 0.1, "momentum": 0.9}, [0.95, 0.855], 1e-15),
    # nesterov: w1 = 1 + 0.9*(-0.05) - 0.05 = 0.905; w2 = 0.905 + 0.9*(-0.095) - 0.05 = 0.7695
    ("sgd", 1.0, [0.5, 0.5], {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True},
     [0.905, 0.7695], 1e-15),
    # Keras' own docstring example: w = 10, g = w, lr 0.1 -> v = 0.1*100 = 10,
    # w = 10 - 0.1*10/sqrt(10 + 1e-7) = 10 - 0.3162277644 = 9.6837722356 ("9.683772")
    ("rmsprop", 10.0, [10.0], {"learning_rate": 0.1}, [9.6837722356], 1e-9),
    # centered, w 1, g 2: v = 0.4, a = 0.2, denom = 0.4 - 0.04 + 1e-7 = 0.3600001,
    # sqrt = 0.6000000833; inc = 0.2/0.6000000833 = 0.3333332870 -> w = 0.6666667130
    ("rmsprop", 1.0, [2.0], {"learning_rate": 0.1, "centered": True}, [0.6666667130], 1e-9),
    # constant g: m = g(1-b1^t), v = g^2(1-b2^t), so update = lr * gs/(gs + eps), s = sqrt(1-b2^t)
    # t=1: s = sqrt(0.001) = 0.0316227766, gs = 0.0632455532, update = 0.1*(1 - 1.58113e-6)
    #      = 0.0999998419 -> w 0.9000001581
    # t=2: s = sqrt(0.001999) = 0.0447101778, gs = 0.0894203556, update = 0.1*(1 - 1.118312e-6)
    #      = 0.0999998882 -> w 0.8000002699
    ("adam", 1.0, [2.0, 2.0], {"learning_rate": 0.1}, [0.9000001581, 0.8000002699], 1e-9),
    # g = 2 then 0: m2 = 0.18, v2 = 0.003996, alpha2 = 0.1*0.0447101778/0.19 = 0.0235316725;
    # amsgrad keeps v_hat = 0.004: update = 0.18*alpha2/(0.0632455532 + 1e-7) = 0.0669722,
    # plain Adam divides by sqrt(0.003996) + 1e-7 = 0.0632140225 instead: 0.0670058
    ("adam", 1.0, [2.0, 0.0], {"learning_rate": 0.1, "amsgrad": True},
     [0.9000001581, 0.9000001581 - 0.0669722], 1e-6),
    ("adam", 1.0, [2.0, 0.0], {"learning_rate": 0.1}, [0.9000001581, 0.9000001581 - 0.0670058],
     1e-6),
    # m = 0.2, u = 2; w = 1 - 0.1*0.2/((1-0.9)*(2 + 1e-7)) = 1 - 0.1/1.00000005 = 0.900000005
    ("adamax", 1.0, [2.0], {"learning_rate": 0.1}, [0.900000005], 1e-12),
    # u1 = 0.9*(1 - 0.5*0.96) = 0.468, u2 = 0.9*(1 - 0.5*0.9216) = 0.48528, P1 = 0.468,
    # P1*u2 = 0.22711104; m = 0.2, v = 0.004
    # m_hat = 0.48528*0.2/0.77288896 + 0.532*2/0.532 = 0.1255756 + 2 = 2.1255756
    # v_hat = 0.004/0.001 = 4; w = 1 - 0.1*2.1255756/(2 + 1e-7) = 1 - 0.1062788 = 0.8937212
    ("nadam", 1.0, [2.0], {"learning_rate": 0.1}, [0.8937212], 1e-7),
    # acc = 0 + 9; w = 1 - 0.1*3/sqrt(9 + 1e-7) = 1 - 0.1*(1 - 5.6e-9) = 0.9000000006
    ("adagrad", 1.0, [3.0], {"learning_rate": 0.1, "initial_accumulator_value": 0.0},
     [0.9000000006], 1e-10),
    # default initial accumulator 0.1: acc = 4.1, w = 1 - 0.2/2.0248457 = 1 - 0.0987729
    ("adagrad", 1.0, [2.0], {"learning_rate": 0.1}, [0.9012271], 1e-7),
    # lr 1, g 2: acc_g = 0.05*4 = 0.2; delta = -sqrt(1e-7)*2/sqrt(0.2000001)
    # = -2*sqrt(4.9999975e-7) = -2*7.0710660e-4 = -1.4142132e-3 -> w = 0.9985857868
    ("adadelta", 1.0, [2.0], {"learning_rate": 1.0}, [0.9985857868], 1e-9),
    # weight decay before the step: w = 1 - 1*0.5*0.1 = 0.95 (zero gradient)
    ("sgd", 1.0, [0.0], {"learning_rate": 0.1, "weight_decay": 0.5}, [0.95], 1e-15),
]
# FTRL, init acc 0, lr 0.1, w 1, g 3: n = 9, sigma = (3 - 0)/0.1 = 30, z = 3 - 30 = -27, q = 30
_FTRL = {"learning_rate": 0.1, "initial_accumulator_value": 0.0}
HAND += [("ftrl", 1.0, [3.0], {**_FTRL, **extra}, [w], 1e-14) for extra, w in [
    ({}, 27 / 30),                                               # 0.9
    ({"l1_regularization_strength": 1.0}, 26 / 30),              # clip(z) = -1
    ({"l1_regularization_strength": 30.0}, 0.0),                 # |z| <= l1
    ({"l2_regularization_strength": 0.5}, 27 / 31),              # q = 30 + 1
    ({"beta": 0.3}, 27 / 33),                                    # l2' = 0.3/0.2 = 1.5, q = 33
    ({"l2_shrinkage_regularization_strength": 0.25}, 26.5 / 30), # g' = 3 + 0.5 -> z = -26.5
]]


@pytest.mark.parametrize(("name", "w0", "grads", "kwargs", "expected", "tol"), HAND)
def test_hand_computed_steps(name, w0, grads, kwargs, expected, tol):
    opt = get(name, **kwargs)
    w = np.array([w0])
    history = []
    for g in grads:
        opt.apply([np.array([g])], [w])
        history.append(float(w[0]))
    assert history == pytest.approx(expected, abs=tol)


def test_hand_clipping():
    w = [np.zeros(2)]
    get("sgd", learning_rate=1.0, clipnorm=1.0).apply([np.array([3.0, 4.0])], w)
    np.testing.assert_allclose(w[0], [-0.6, -0.8])  # |g| = 5 -> g/5
    w = [np.zeros(2)]
    get("sgd", learning_rate=1.0, clipvalue=1.0).apply([np.array([3.0, -0.5])], w)
    np.testing.assert_allclose(w[0], [-1.0, 0.5])
    w = [np.zeros(1), np.zeros(2)]
    get("sgd", learning_rate=1.0, global_clipnorm=5.0).apply(
        [np.array([3.0]), np.array([4.0, 12.0])], w)  # global norm 13 -> scale 5/13
    np.testing.assert_allclose(np.concatenate(w), [-15 / 13, -20 / 13, -60 / 13])


# ---------------------------------------------------------------- state, config, errors
STATEFUL = [("sgd", {"momentum": 0.9}), *((n, {}) for n in names() if n != "sgd")]


@pytest.mark.parametrize(("name", "kwargs"), STATEFUL)
def test_learning_rate_change_keeps_slot_state(name, kwargs):
    params, grad_steps = problem(seed=3)
    kept = get(name, learning_rate=0.1, **kwargs)
    run(kept, params, grad_steps[:2], [0.1, 0.1])
    fresh_params = [p.copy() for p in params]
    kept.learning_rate = 0.05
    kept.apply(grad_steps[2], params)
    fresh = get(name, learning_rate=0.05, **kwargs)
    fresh.apply(grad_steps[2], fresh_params)
    assert kept.iterations == 3 and kept.learning_rate == 0.05
    assert not np.allclose(params[1], fresh_params[1])  # history mattered: state was kept


@pytest.mark.parametrize(("name", "kwargs", "lr"), CASES)
def test_config_round_trip_and_bit_identical_results(name, kwargs, lr):
    opt = get(name, learning_rate=lr, **kwargs)
    config = json.loads(json.dumps(opt.get_config()))
    assert config["name"] == name
    twin = get(config)
    assert type(twin) is type(opt) and twin.get_config() == opt.get_config()
    results = []
    for o in (opt, twin):
        params, grad_steps = problem(seed=7)
        run(o, params, grad_steps, [lr] * 5)
        results.append(params)
    for a, b in zip(*results, strict=True):
        assert np.array_equal(a, b)


@pytest.mark.parametrize("name", list(KERAS_DEFAULTS))
def test_keras_defaults(name):
    config = get(name).get_config()
    assert {k: config[k] for k in KERAS_DEFAULTS[name]} == KERAS_DEFAULTS[name]
    assert type(get(name.upper())) is type(get(name))


def test_names_and_exports():
    assert names() == list(KERAS_DEFAULTS)
    classes = [getattr(optimizers, c) for c in optimizers.__all__ if c[0].isupper()]
    assert sorted(c.name for c in classes if c is not Optimizer) == sorted(names())
    opt = get("adam")
    assert get(opt) is opt
    with pytest.raises(ValueError, match="keyword"):
        get(opt, learning_rate=0.1)


BAD_ARGUMENTS = [  # (optimizer, one out-of-range argument) -> error names the argument
    ("adam", {"learning_rate": -0.1}), ("adam", {"learning_rate": float("nan")}),
    ("adam", {"learning_rate": "0.1"}), ("ftrl", {"learning_rate": 0.0}),
    ("rmsprop", {"rho": 1.0}), ("adadelta", {"rho": -0.1}), ("adam", {"beta_1": 1.0}),
    ("nadam", {"beta_2": 1.5}), ("sgd", {"momentum": -0.1}), ("sgd", {"momentum": True}),
    ("sgd", {"nesterov": "yes"}), ("adam", {"epsilon": -1e-7}), ("sgd", {"clipnorm": 0.0}),
    ("adagrad", {"initial_accumulator_value": -0.1}), ("ftrl", {"learning_rate_power": 0.5}),
    ("ftrl", {"l1_regularization_strength": -1.0}), ("sgd", {"weight_decay": -0.01}),
]


@pytest.mark.parametrize(("name", "kwargs"), BAD_ARGUMENTS)
def test_get_rejects_out_of_range_arguments(name, kwargs):
    with pytest.raises(ValueError, match=f"`{next(iter(kwargs))}` must"):
        get(name, **kwargs)


@pytest.mark.parametrize(("identifier", "kwargs", "match"), [
    ("adamw", {}, "Unknown optimizer"), ({"learning_rate": 0.1}, {}, "'name'"),
    (3, {}, "Expected an optimizer"), ("adam", {"lr": 0.1}, "Unknown argument"),
    ("sgd", {"clipnorm": 1.0, "clipvalue": 1.0}, "Only one of"),
])
def test_get_rejects_bad_identifiers_and_arguments(identifier, kwargs, match):
    with pytest.raises(ValueError, match=match):
        get(identifier, **kwargs)


def test_rejected_calls_leave_everything_untouched():
    opt, twin = get("adam", learning_rate=0.1), get("adam", learning_rate=0.1)
    params, grad_steps = problem()
    twin_params = [p.copy() for p in params]
    opt.apply(grad_steps[0], params)
    twin.apply(grad_steps[0], twin_params)
    with pytest.raises(ValueError, match="learning_rate"):
        opt.learning_rate = -1.0
    for grads, ps in [
        (grad_steps[1][:1], params),                                  # count mismatch
        ([grad_steps[1][0], np.ones((3, 2))], params),                # grad shape
        ([np.ones(3), np.ones(4)], [params[0], np.zeros(4)]),         # param shape changed
        ([np.ones(3)], [np.zeros(3, dtype=int)]),                     # not floating
    ]:
        with pytest.raises(ValueError):
            opt.apply(grads, ps)
    assert opt.iterations == 1 and opt.learning_rate == 0.1
    opt.apply(grad_steps[1], params)  # slots too must be as if the bad calls never happened
    twin.apply(grad_steps[1], twin_params)
    for p, q in zip(params, twin_params, strict=True):
        assert np.array_equal(p, q)


def test_gradient_that_is_the_parameter_itself_is_read_before_the_update():
    # loss w^2/2 has gradient w; weight decay first gives 1 - 1*0.5*0.1 = 0.95, then the step
    # must use the original g = 1: 0.95 - 0.1*1 = 0.85 (0.855 if g were read after the decay)
    w = np.array([1.0])
    get("sgd", learning_rate=0.1, weight_decay=0.5).apply([w], [w])
    assert w[0] == pytest.approx(0.85, abs=1e-15)


def test_float32_params_stay_float32_and_match_float64():
    params64, grad_steps = problem()
    params32 = [p.astype(np.float32) for p in params64]
    for params in (params64, params32):
        run(get("nadam", learning_rate=0.1), params, grad_steps, [0.1] * 5)
    assert all(p.dtype == np.float32 for p in params32)
    for a, b in zip(params32, params64, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_slots_are_copies_of_the_state_the_next_step_uses():
    w, g = np.array([3.0, -1.0]), np.array([2.0, 0.5])
    opt = get("adam", learning_rate=0.1)
    assert opt.slots() == []
    opt.apply([g], [w])
    (state,) = opt.slots()
    assert sorted(state) == ["momentum", "velocity"]
    np.testing.assert_allclose(state["momentum"], 0.1 * g, rtol=1e-15)  # (1 - beta_1) g
    np.testing.assert_allclose(state["velocity"], 0.001 * g * g, rtol=1e-12)  # (1 - beta_2) g^2
    state["momentum"][:] = 99.0  # a copy: the optimizer's own state is untouched
    assert opt.slots()[0]["momentum"][0] == pytest.approx(0.2, rel=1e-15)
    sgd = get("sgd", learning_rate=0.1, momentum=0.5)
    sgd.apply([g], [w])
    np.testing.assert_allclose(sgd.slots()[0]["momentum"], -0.1 * g, rtol=1e-15)
