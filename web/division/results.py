"""The division tab's result block and message line as HTML (pure functions of the result)."""

from __future__ import annotations

import html

from web.division.model import DivisionResult
from web.ui import i18n

# Tables of numbers in the division tab's sections (weights, kept models).
TABLE_CSS = """
.nnlab-table { border-collapse: collapse; font-size: 18px; font-variant-numeric: tabular-nums; }
.nnlab-table th, .nnlab-table td { padding: 3px 10px; border-bottom: 1px solid #ddd;
                                   text-align: right; }
.nnlab-table th:first-child, .nnlab-table td:first-child { text-align: left; }
"""

# The result block sits in a 560 px column beside the drawing: the quotient's nine significant
# digits must fit next to the longest label ("Wahrer Quotient x1 / x2") without being cut off.
RESULTS_CSS = """
.nnlab-results { font-size: 20px; gap: 4px 18px; }
.nnlab-quotient { font-size: 34px; }
"""


def results_html(result: DivisionResult, code: str) -> str:
    """The four result numbers; the network's quotient in ``.nnlab-quotient`` as plain text."""
    shown = result.display(code)
    rows = [("division.network", "nnlab-quotient", shown["network"]),
            ("division.true", "nnlab-number nnlab-true", shown["true"]),
            ("division.abs_error", "nnlab-number nnlab-abs-error", shown["abs_error"]),
            ("division.rel_error", "nnlab-number nnlab-rel-error", shown["rel_error"])]
    cells = "".join(f'<span class="nnlab-label">{html.escape(i18n.text(key, code))}</span>'
                    f'<span class="{css}">{html.escape(value)}</span>'
                    for key, css, value in rows)
    return f'<div class="nnlab-results">{cells}</div>'


def message_html(result: DivisionResult, code: str) -> str:
    """All current messages in one ``.nnlab-message`` element (empty, and hidden, if none)."""
    texts = [m.text(code) for m in result.messages]
    error = any(m.level == "error" for m in result.messages)
    css = "nnlab-message" if error or not texts else "nnlab-message nnlab-warning"
    return f'<span class="{css}">{"<br>".join(html.escape(t) for t in texts)}</span>'
