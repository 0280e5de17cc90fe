"""The "why" text as HTML, assembled from measured numbers (pure functions, no widgets)."""

from __future__ import annotations

import html

from web.division.landscape.mechanism import KINK_STEPS, Mechanism
from web.ui import fmt, i18n

SIGN_KEYS = {1: "landscape.positive", -1: "landscape.negative", 0: "landscape.zero"}


def sign_text(sign: int, code: str) -> str:
    """"+ positive", "− negative" or "0 zero"."""
    mark = {1: "+", -1: "−", 0: "0"}[sign]
    return f"{mark} {i18n.text(SIGN_KEYS[sign], code)}"


def direction_key(signs: tuple[int, int]) -> str:
    """Which way one gradient step moves the two output weights."""
    if 0 in signs:
        return "landscape.why.flat"
    if signs[0] == signs[1]:
        return "landscape.why.both_down" if signs[0] > 0 else "landscape.why.both_up"
    return "landscape.why.apart"


def reasons_html(mechanism: Mechanism | None, starts: tuple[int, int] | None, samples: int,
                 code: str) -> str:
    """The measured mechanism in short sentences, one paragraph each."""
    if mechanism is None:
        return _paragraphs([i18n.text("landscape.why.other_net", code)])
    m, n = mechanism, lambda value, digits=3: fmt.sig(value, digits, code)
    if starts is None:
        counted = i18n.text("landscape.why.counting", code)
    else:
        counted = i18n.text("landscape.why.starts", code, n=starts[1], last=starts[1] - 1,
                            count=starts[0])
    kink = {f"s{k + 1}": n(step, 2) for k, step in enumerate(KINK_STEPS)}
    kink |= {f"k{k + 1}": n(value) for k, value in enumerate(m.kink)}
    return _paragraphs([
        i18n.text("landscape.why.start", code, prediction=n(m.mean_prediction),
                  target=n(m.mean_target), share=n(100 * m.share_log_piece),
                  samples=samples, needed=n(m.z_needed)),
        f"{i18n.text(direction_key(m.signs), code)} {counted}",
        i18n.text("landscape.why.cosine", code, cosine=n(m.cosine), correlation=n(m.correlation),
                  hand_set=n(m.hand_set_correlation)),
        i18n.text("landscape.why.kink", code, **kink),
    ])


def _paragraphs(texts: list[str]) -> str:
    body = "".join(f"<p>{html.escape(text)}</p>" for text in texts)
    return f'<div class="nnlab-landscape-why">{body}</div>'
