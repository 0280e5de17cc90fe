"""The optimizer base class: Keras 3's ``apply`` pipeline in plain NumPy.

Why one base class: every Keras 3 optimizer (``keras/src/optimizers/base_optimizer.py``)
runs the same outer loop and differs only in its per-variable ``update_step``:

1. gradient clipping (at most one of ``clipnorm``, ``global_clipnorm``, ``clipvalue``)::

       clipnorm:         g <- g * c / max(||g||, c)        (each array on its own)
       global_clipnorm:  g <- g * c / max(sqrt(sum_i ||g_i||^2), c)
       clipvalue:        g <- clip(g, -c, c)

2. decoupled weight decay, applied to the *parameters* before the update::

       w <- w - w * weight_decay * lr

3. ``update_step(g, w)`` for every parameter (subclasses), reading ``iterations`` as the
   0-based index of the step being taken (Keras' ``local_step = iterations + 1``);
4. ``iterations += 1``.

Slot variables (momenta, accumulators) are created lazily on the first ``apply`` and are
keyed by position in the parameter list, so the caller must always pass the parameters in the
same order with the same shapes. Arithmetic runs in each parameter's own dtype.

Steps 2 and 3 are element-wise for every rule here, so when the parameters are consecutive
views of one vector (a model's packed weights, `pycore.packing`) and their gradients likewise,
``apply_fresh(..., flat=(grads, params))`` runs them once on the whole vectors: the same
numbers, one call instead of one per array. The slots are then views of vectors too, so
``slots()`` still names every parameter's own state. Per-array clipping (``clipnorm``,
``global_clipnorm``) keeps the per-array path.
EMA, loss scaling and gradient accumulation of Keras 3 are not implemented.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from pycore.optimizers.validation import check_number, check_optional_positive
from pycore.packing import consecutive_views

Slots = dict[str, np.ndarray]

_CLIP_OPTIONS = ("clipnorm", "clipvalue", "global_clipnorm")


class Optimizer:
    """Base class; subclasses set ``name`` and implement ``_build_slots``/``_update_step``."""

    name: ClassVar[str] = ""

    def __init__(
        self,
        learning_rate: float,
        *,
        weight_decay: float | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
        global_clipnorm: float | None = None,
    ) -> None:
        self.learning_rate = learning_rate
        self.weight_decay = (
            None if weight_decay is None else check_number("weight_decay", weight_decay, low=0.0)
        )
        self.clipnorm = check_optional_positive("clipnorm", clipnorm)
        self.clipvalue = check_optional_positive("clipvalue", clipvalue)
        self.global_clipnorm = check_optional_positive("global_clipnorm", global_clipnorm)
        chosen = [opt for opt in _CLIP_OPTIONS if getattr(self, opt) is not None]
        if len(chosen) > 1:
            raise ValueError(f"Only one of {', '.join(_CLIP_OPTIONS)} can be set; got {chosen}.")
        self._iterations = 0
        self._slots: list[Slots] | None = None  # per parameter, unless they are flat:
        self._flat_slots: Slots | None = None  # slot vectors (then `_param_slots` are views)
        self._shapes: list[tuple[int, ...]] = []

    # ------------------------------------------------------------------ properties
    @property
    def learning_rate(self) -> float:
        """Current learning rate; may be reassigned between steps without touching slots."""
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        self._learning_rate = self._check_learning_rate(value)

    def _check_learning_rate(self, value: object) -> float:
        """Keras accepts any float; a negative rate would silently *ascend* the loss."""
        return check_number("learning_rate", value, low=0.0)

    @property
    def iterations(self) -> int:
        """Number of ``apply`` calls that updated parameters."""
        return self._iterations

    def slots(self) -> list[dict[str, np.ndarray]]:
        """Copies of the slot arrays (``{"momentum": ..., "velocity": ...}``) of every parameter,
        in the order ``apply`` receives them; ``[]`` before the first ``apply``.

        Why copies: a view that shows "the optimizer's state after this step" must not see it
        change under it at the next step, and must not be able to change it."""
        return [{name: array.copy() for name, array in slots.items()}
                for slots in self._param_slots()]

    def _param_slots(self) -> list[Slots]:
        """Every parameter's slots (views of the slot vectors if those were built)."""
        if self._flat_slots is not None:
            return _split(self._flat_slots, self._shapes)
        return self._slots or []

    # ------------------------------------------------------------------ config
    @classmethod
    def argument_names(cls) -> list[str]:
        """Constructor arguments in signature order: the family's own, then the base options."""
        names: list[str] = []
        for owner in (cls, Optimizer):
            for param in inspect.signature(owner.__init__).parameters.values():
                skip = param.name == "self" or param.kind is param.VAR_KEYWORD
                if not skip and param.name not in names:
                    names.append(param.name)
        return names

    def get_config(self) -> dict[str, Any]:
        """JSON-able dict: ``{"name": ..., <every constructor argument>: value}``."""
        config: dict[str, Any] = {"name": self.name}
        for key in self.argument_names():
            config[key] = getattr(self, key)
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Optimizer:
        """Rebuild from ``get_config()`` output; unknown keys raise ``ValueError``."""
        config = dict(config)
        name = config.pop("name", cls.name)
        if name != cls.name:
            raise ValueError(f"Config is for optimizer {name!r}, not {cls.name!r}.")
        accepted = cls.argument_names()
        unknown = sorted(set(config) - set(accepted))
        if unknown:
            raise ValueError(
                f"Unknown argument(s) {unknown} for optimizer {cls.name!r}; "
                f"accepted: {accepted}."
            )
        return cls(**config)

    # ------------------------------------------------------------------ the step
    def apply(self, grads: Sequence[np.ndarray], params: Sequence[np.ndarray]) -> None:
        """Update every array in ``params`` in place from the matching gradient.

        All checks run before anything is mutated, so a rejected call leaves parameters,
        slots and ``iterations`` untouched.
        """
        grads = [self._as_grad(i, g, p) for i, (g, p) in enumerate(_pairs(grads, params))]
        if not params:
            return
        self._check_or_build_slots(params)
        self._update(grads, params)

    def apply_fresh(self, grads: Sequence[np.ndarray], params: Sequence[np.ndarray],
                    flat: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """``apply`` for gradients that ``backward`` has just made, which nothing else changes
        during the step. They are used as they are, without the defensive copy and the
        per-array checks of ``apply`` (the fit loop's step, where they cost a tiny net a tenth
        of its time); the update is bit-identical.

        ``flat``: the vectors (gradients, parameters) that ``grads`` and ``params`` are
        consecutive views of, in order; the update then runs once on them (module docstring).
        """
        if params:
            self._check_or_build_slots(params, None if flat is None else flat[1])
            whole = flat is not None and self._flat_slots is not None and (
                self.clipnorm is None and self.global_clipnorm is None)
            if whole:
                assert flat is not None and self._flat_slots is not None
                self._update([flat[0]], [flat[1]], [self._flat_slots])
            else:
                self._update(list(grads), params)

    def _update(self, grads: list[np.ndarray], params: Sequence[np.ndarray],
                slots: Sequence[Slots] | None = None) -> None:
        """Clipping, weight decay and the per-parameter steps of a checked call (``slots``:
        the parameters' slots if not `_param_slots`)."""
        grads = self._clip(grads)
        lr = self._learning_rate
        if self.weight_decay is not None:
            for p in params:
                p -= p * self.weight_decay * lr
        self._begin_step()
        for g, p, state in zip(grads, params, slots or self._param_slots(), strict=True):
            self._update_step(g, p, state, lr)
        self._iterations += 1

    @staticmethod
    def _as_grad(index: int, grad: object, param: object) -> np.ndarray:
        # dtype.kind "f" is np.issubdtype(dtype, np.floating), without its Python overhead.
        if not isinstance(param, np.ndarray) or param.dtype.kind != "f":
            raise ValueError(f"params[{index}] must be a floating-point numpy array.")
        if not param.flags.writeable:
            raise ValueError(f"params[{index}] is read-only; apply() updates it in place.")
        # Always a copy: ``apply([w], [w])`` (gradient of w^2/2) must not see w change mid-step.
        g = np.array(grad, dtype=param.dtype, copy=True)
        if g.shape != param.shape:
            raise ValueError(
                f"grads[{index}] has shape {g.shape} but params[{index}] has {param.shape}."
            )
        return g

    def _check_or_build_slots(self, params: Sequence[np.ndarray],
                              flat: np.ndarray | None = None) -> None:
        shapes = [p.shape for p in params]
        if self._slots is None and self._flat_slots is None:
            if flat is None:
                self._slots = [self._build_slots(p) for p in params]
            else:
                self._flat_slots = self._build_slots(flat)
            self._shapes = shapes
        elif shapes != self._shapes:
            raise ValueError(
                f"{self.name} was built for parameter shapes {self._shapes}, got {shapes}; "
                "slot state is keyed by position, so pass the same parameters in the same order."
            )

    def _clip(self, grads: list[np.ndarray]) -> list[np.ndarray]:
        if self.clipnorm is not None:
            c = self.clipnorm
            return [g * c / max(float(np.sqrt(np.sum(g * g))), c) for g in grads]
        if self.global_clipnorm is not None:
            c = self.global_clipnorm
            norm = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
            # Keras: scale = c * min(1/norm, 1/c) + (norm - norm), i.e. NaN for a non-finite norm
            scale = c / max(norm, c) if math.isfinite(norm) else math.nan
            return [g * scale for g in grads]
        if self.clipvalue is not None:
            return [np.clip(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    # ------------------------------------------------------------------ subclass hooks
    def _build_slots(self, param: np.ndarray) -> Slots:
        """Fresh slot arrays for one parameter (Keras' ``build``)."""
        raise NotImplementedError

    def _begin_step(self) -> None:
        """Optimizer-wide state update once per step, before the per-parameter updates."""

    def _update_step(self, grad: np.ndarray, param: np.ndarray, slots: Slots, lr: float) -> None:
        """Keras' ``update_step``: update ``param`` and ``slots`` in place."""
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items() if k != "name")
        return f"{type(self).__name__}({args})"


def _pairs(
    grads: Sequence[np.ndarray], params: Sequence[np.ndarray]
) -> list[tuple[np.ndarray, np.ndarray]]:
    if len(grads) != len(params):
        raise ValueError(f"Got {len(grads)} gradients for {len(params)} parameters.")
    return list(zip(grads, params, strict=True))



def _split(flat_slots: Slots, shapes: Sequence[tuple[int, ...]]) -> list[Slots]:
    """Per-parameter views of slot vectors, for parameters laid out one after the other."""
    views = {name: consecutive_views(vector, shapes) for name, vector in flat_slots.items()}
    return [{name: views[name][k] for name in views} for k in range(len(shapes))]
