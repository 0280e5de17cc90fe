"""German and English words for every view: the registry of translation keys.

Each view module registers its own strings next to the code that shows them, so a view and its
words live in one file. Views never look words up once and keep them: they give a key where a
widget is made and :class:`web.ui.display.Display` turns it into a reference that follows the
language (see there).
"""

from __future__ import annotations

from web.ui import fmt

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
    """The string for ``key`` in language ``code``, with ``{fields}`` filled in. A field that is
    itself a registered key is translated too; floats are written with the language's decimal
    mark."""
    try:
        template = _STRINGS[key][code]
    except KeyError as missing:
        raise KeyError(f"no {code!r} text for i18n key {key!r}") from missing
    if not fields:
        return template
    return template.format(**{name: _field(value, code) for name, value in fields.items()})


def _field(value: object, code: str) -> object:
    if isinstance(value, str) and value in _STRINGS:
        return _STRINGS[value][code]
    if isinstance(value, float):
        return fmt.sig(value, 4, code)
    return value


def all_keys() -> list[str]:
    return sorted(_STRINGS)


def strings(code: str) -> list[str]:
    """Every registered string of one language (tests scan pages for the other language's)."""
    return [entry[code] for entry in _STRINGS.values()]
