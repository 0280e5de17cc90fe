"""pycore.gradcheck.check_derivative: right derivatives pass, wrong ones are caught and located."""

from __future__ import annotations

import numpy as np
import pytest

from pycore import activations
from pycore.gradcheck import check_derivative


@pytest.mark.parametrize("name", [n for n in activations.names() if n != "softmax"])
def test_built_in_derivatives_pass(name: str) -> None:
    result = check_derivative(name)
    assert result.ok, result
    assert result.checked >= 3990


@pytest.mark.parametrize(("name", "kinks"), [("relu", [0.0]), ("leaky_relu", [0.0]),
                                             ("selu", [0.0]), ("division", [0.0])])
def test_kinks_are_skipped_not_failed(name: str, kinks: list[float]) -> None:
    x = np.array([-1.0, -0.5, *kinks, 0.5, 1.0])
    result = check_derivative(name, x)
    assert result.ok and result.skipped == len(kinks) and result.checked == 4


def test_wrong_hand_written_derivative_is_caught_where_it_is_wrong() -> None:
    # d/dx x^3 is 3x^2; "3*x" is right only at x = 0 and x = 1. Errors |3x - 3x^2| at
    # x = -2, -1, 1, 2: 18, 6, 0, 6; relative to max(1, 3x^2) = 12, 3, 3, 12: 1.5, 2, 0, 0.5.
    act = activations.from_formula("x**3", "3*x")
    result = check_derivative(act, [-2.0, -1.0, 1.0, 2.0])
    assert not result.ok
    assert result.worst_x == -1.0
    assert result.analytic == pytest.approx(-3.0)
    assert result.numeric == pytest.approx(3.0, rel=1e-8)
    assert result.max_abs_error == pytest.approx(18.0, rel=1e-8)
    assert result.max_rel_error == pytest.approx(2.0, rel=1e-8)


def test_the_original_projects_mistake_is_caught() -> None:
    """foersterrobert/division's backward used f(x) as the slope everywhere: right on the exp
    piece only."""
    division = activations.get("division")
    wrong = activations.Activation("division-wrong", division, division)
    assert check_derivative(wrong, np.linspace(-5.0, -0.5, 10)).ok
    result = check_derivative(wrong, np.linspace(-5.0, 20.0, 26))
    assert not result.ok and result.worst_x > 0.0


def test_a_derivative_that_is_not_finite_fails() -> None:
    result = check_derivative(activations.from_formula("x", "1/x"), [0.0, 1.0])
    assert not result.ok and result.max_abs_error == np.inf and result.worst_x == 0.0


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="not element-wise"):
        check_derivative("softmax")
    with pytest.raises(ValueError, match="finite"):
        check_derivative("tanh", [0.0, np.inf])
    with pytest.raises(ValueError, match="tolerance"):
        check_derivative("tanh", tolerance=0.0)
    nothing = check_derivative("relu", [0.0])
    assert not nothing.ok and nothing.checked == 0 and np.isnan(nothing.worst_x)
