"""Where along each edge of a drawing its number goes, so that numbers do not cover each other.

Edges that cross or meet at a node would print their numbers on top of each other if every
label sat in the middle. Shared by the computation graph and the network drawing.
"""

from __future__ import annotations

Segment = tuple[float, float, float, float, str]  # x0, y0, x1, y1, label text

# Where along an edge its label may be printed, in order of preference, and the size of a label
# in picture units (a column is 1 wide and ~140 px on a 1280 px screen; a 16 px digit is
# ~9.5 px wide, a label ~0.22 rows high).
FRACTIONS = (0.5, 0.3, 0.7, 0.2, 0.8)
CHAR_W = 0.068
LABEL_H = 0.22


def _clash(a: tuple[float, float, str], b: tuple[float, float, str]) -> bool:
    half_widths = (len(a[2]) + len(b[2])) / 2 * CHAR_W
    return abs(a[0] - b[0]) < half_widths and abs(a[1] - b[1]) < LABEL_H


def place_labels(segments: list[Segment]) -> list[float]:
    """For each edge the fraction along it where its label goes.

    Every label starts in the middle; then, twice over all edges in order, each label moves to
    the first of FRACTIONS where it overlaps the fewest other labels (a short, flat edge has no
    free spot, so the steep edge crossing it is the one that moves)."""
    def spot(k: int, f: float) -> tuple[float, float, str]:
        x0, y0, x1, y1, text = segments[k]
        return x0 + f * (x1 - x0), y0 + f * (y1 - y0), text

    chosen = [FRACTIONS[0]] * len(segments)
    for _ in range(2):
        for k in range(len(segments)):
            others = [spot(m, chosen[m]) for m in range(len(segments)) if m != k]
            chosen[k] = min(FRACTIONS,
                            key=lambda f, k=k, others=others: sum(_clash(spot(k, f), o)
                                                                  for o in others))
    return chosen
