"""German/English labels for every view.

Each view module registers its own strings next to the code that shows them, so a view and its
words live in one file; this module only holds the mechanism. A single :class:`Language` object
is shared by all views: flipping its ``code`` relabels the whole app without rebuilding it.
"""

from __future__ import annotations

from collections.abc import Callable

import param

LANGUAGES = ("de", "en")

_STRINGS: dict[str, dict[str, str]] = {}


def register(table: dict[str, tuple[str, str]]) -> None:
    """Add ``key -> (english, german)`` pairs; a key registered twice with other words is a bug."""
    for key, (english, german) in table.items():
        entry = {"en": english, "de": german}
        if key in _STRINGS and _STRINGS[key] != entry:
            raise ValueError(f"i18n key {key!r} registered twice with different text")
        _STRINGS[key] = entry


def text(key: str, code: str, **fields: object) -> str:
    """The string for ``key`` in language ``code``, with ``{fields}`` filled in."""
    try:
        template = _STRINGS[key][code]
    except KeyError as missing:
        raise KeyError(f"no {code!r} text for i18n key {key!r}") from missing
    return template.format(**fields) if fields else template


def keys() -> list[str]:
    return sorted(_STRINGS)


class Language(param.Parameterized):
    """The UI language shared by all views (German first: the course is taught in German)."""

    code = param.Selector(default="de", objects=list(LANGUAGES))

    def t(self, key: str, **fields: object) -> str:
        return text(key, self.code, **fields)

    def bind(self, apply: Callable[[], None]) -> None:
        """Call ``apply`` now and after every language change (it relabels a view)."""
        apply()
        self.param.watch(lambda _event: apply(), "code")
