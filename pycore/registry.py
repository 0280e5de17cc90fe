"""Name -> object lookup shared by losses, activations, initializers, regularizers, optimizers.

Every component family accepts the same three spellings, as Keras' ``get`` functions do: an
instance (returned as is), a name (normalised, e.g. case-insensitive) or a config dict as
written by ``get_config`` (``{"name": ..., **parameters}``). Writing that lookup once keeps the
families' behaviour and error messages identical; each family only supplies its table.
:class:`Configurable` is the matching other half: ``get_config`` lists the constructor
parameters, so ``resolve(obj.get_config())`` rebuilds an equal object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

T = TypeVar("T")


class UnknownNameError(ValueError):
    """A name that is not in the family's table: callers (the model-file checks) tell it
    apart from a known name with bad parameters."""


def _casefold(name: str) -> str:
    return name.strip().lower()


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def resolve(
    identifier: object,
    *,
    kind: str,
    base: type[T],
    table: Mapping[str, Callable[..., T]],
    normalize: Callable[[str], str] = _casefold,
    aliases: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> T:
    """An instance of ``base`` from an instance, a name or a ``{"name": ..., **params}`` dict.

    ``table`` maps canonical names to factories called with the parameters; a name matches a
    table key when both are equal after ``normalize``, or through ``aliases`` (normalised
    spelling -> table key). ``overrides`` are extra parameters that win over the dict's.
    Anything else raises ``ValueError`` naming ``kind`` and, for unknown names, the known ones.
    """
    overrides = dict(overrides or {})
    if isinstance(identifier, base):
        if overrides:
            raise ValueError(
                f"Cannot pass keyword arguments together with {_article(kind)} {kind} instance."
            )
        return identifier
    params: dict[str, Any] = {}
    if isinstance(identifier, dict):
        params = dict(identifier)
        if "name" not in params:
            raise ValueError(
                f"{kind.capitalize()} config needs a 'name' key; got keys {sorted(params)}."
            )
        identifier = params.pop("name")
    if not isinstance(identifier, str):
        raise ValueError(
            f"Expected {_article(kind)} {kind} name, config dict or {base.__name__}; "
            f"got {identifier!r} ({type(identifier).__name__})."
        )
    params.update(overrides)
    lookup = {normalize(name): name for name in table} | dict(aliases or {})
    key = normalize(identifier)
    if key not in lookup:
        raise UnknownNameError(f"Unknown {kind} {identifier!r}; known: {', '.join(table)}.")
    name = lookup[key]
    try:
        return table[name](**params)
    except TypeError:
        raise ValueError(
            f"{kind.capitalize()} {name!r} does not take parameters {sorted(params)}."
        ) from None


class Configurable:
    """``get_config`` = ``{"name": name}`` plus the attributes listed in ``config_keys``.

    The keys are the constructor's parameter names, so the config is also the recipe
    :func:`resolve` uses to rebuild the object; ``repr`` shows the same dict.
    """

    name: str = "configurable"
    config_keys: ClassVar[tuple[str, ...]] = ()

    def get_config(self) -> dict[str, Any]:
        return {"name": self.name, **{key: getattr(self, key) for key in self.config_keys}}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.get_config()})"
