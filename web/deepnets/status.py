"""The tab's status lines: what is on screen, what was refused, where the signal overflowed.

Every number is written in the reader's language; NaN is never shown (an overflow is named by
the layer where it starts instead).
"""

from __future__ import annotations

import html
import math

from web.deepnets.model import DeepNetsViewModel, Side
from web.deepnets.probe import ProbeResult
from web.ui import fmt, i18n


def _describe(side: str, s: Side, code: str) -> str:
    settings, result = s.settings, s.result
    init = (i18n.text("deep.init.sigma", code, sigma=fmt.sig(settings.sigma, 4, code))
            if settings.initializer == "random_normal" else settings.initializer)
    return i18n.text("deep.status", code, side=side, depth=settings.depth, width=settings.width,
                     activation=settings.activation, init=init,
                     bn="deep.bn.on" if settings.batch_norm else "deep.bn.off",
                     epochs=s.epoch, loss=fmt.sig(result.loss, 4, code),
                     samples=settings.samples, seconds=fmt.sig(result.seconds, 2, code))


def overflow_messages(side: str, result: ProbeResult, code: str) -> list[str]:
    if result.activation_overflow is not None:
        return [i18n.text("deep.msg.activation_overflow", code, side=side,
                          layer=result.activation_overflow)]
    if result.gradient_overflow is not None:
        return [i18n.text("deep.msg.gradient_overflow", code, side=side,
                          layer=result.gradient_overflow)]
    return []


def zero_gradient_notice(results: list[tuple[str, ProbeResult]], code: str) -> str:
    """For the log-axis gradient picture: which layers (from 1) have gradient exactly 0."""
    lines = []
    for side, result in results:
        zero = 0
        for std in result.stat("gradient_std"):
            if std != 0.0 or math.isnan(std):
                break
            zero += 1
        if zero:
            lines.append(i18n.text("deep.msg.zero_gradients", code, side=side, layer=zero))
    return "\n".join(lines)


def status_html(vm: DeepNetsViewModel, code: str) -> str:
    """Refused setting (if any), training progress, then one line per side."""
    parts = []
    if vm.message is not None:
        key, fields = vm.message
        parts.append(f'<div class="nnlab-message nnlab-warning nnlab-deep-message">'
                     f"{html.escape(i18n.text(key, code, **fields))}</div>")
    if vm.progress is not None:
        epoch, total = vm.progress
        line = i18n.text("deep.training", code, epoch=epoch, total=total)
        parts.append(f"<p>{html.escape(line)}</p>")
    for side, s in (("A", vm.a), ("B", vm.b)):
        if s is None or s.result is None:
            continue
        parts.append(f"<p>{html.escape(_describe(side, s, code))}</p>")
        parts += [f'<div class="nnlab-message">{html.escape(m)}</div>'
                  for m in overflow_messages(side, s.result, code)]
    return "\n".join(parts)
