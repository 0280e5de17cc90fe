"""Where along each edge of a drawing its number goes, so that numbers do not cover each other.

Edges that cross or meet at a node would print their numbers on top of each other if every
label sat in the middle. Shared by the computation graph and the network drawing. A caller that
knows the real size of its labels and of its nodes (the graph, which works in pixels) passes a
``size`` function and the nodes as ``obstacles``; the default sizes suit a drawing whose columns
are one unit (~140 px) apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Segment = tuple[float, float, float, float, str]  # x0, y0, x1, y1, label text
Rect = tuple[float, float, float, float]  # centre x, centre y, width, height

# Where along an edge its label may be printed, in order of preference, and the size of a label
# in picture units (a column is 1 wide and ~140 px on a 1280 px screen; a 16 px digit is
# ~9.5 px wide, a label ~0.22 rows high).
FRACTIONS = (0.5, 0.3, 0.7, 0.2, 0.8)
CHAR_W = 0.068
LABEL_H = 0.22
OBSTACLE_COST = 100  # a number hidden behind a node is far worse than two touching numbers
PASSES = 3


def default_size(text: str) -> tuple[float, float]:
    return len(text) * CHAR_W, LABEL_H


def overlap(a: Rect, b: Rect) -> bool:
    """True if the two rectangles share more than a border."""
    return abs(a[0] - b[0]) < (a[2] + b[2]) / 2 and abs(a[1] - b[1]) < (a[3] + b[3]) / 2


def label_rects(segments: Sequence[Segment], fractions: Sequence[float],
                size: Callable[[str], tuple[float, float]] = default_size) -> list[Rect]:
    """The rectangle of each segment's label at the given fraction along it."""
    rects = []
    for (x0, y0, x1, y1, text), f in zip(segments, fractions, strict=True):
        width, height = size(text)
        rects.append((x0 + f * (x1 - x0), y0 + f * (y1 - y0), width, height))
    return rects


def _hull(rects: Sequence[Rect]) -> Rect:
    """The smallest rectangle around ``rects``."""
    left = min(r[0] - r[2] / 2 for r in rects)
    right = max(r[0] + r[2] / 2 for r in rects)
    bottom = min(r[1] - r[3] / 2 for r in rects)
    top = max(r[1] + r[3] / 2 for r in rects)
    return (left + right) / 2, (bottom + top) / 2, right - left, top - bottom


def place_labels(segments: Sequence[Segment], *,
                 size: Callable[[str], tuple[float, float]] = default_size,
                 obstacles: Sequence[Rect] = (),
                 fractions: Sequence[float] = FRACTIONS) -> list[float]:
    """For each edge the fraction along it where its label goes.

    Every label starts at the first of ``fractions``; then, a few times over all edges in
    order, each label moves to the first fraction where it overlaps the fewest other labels
    (an obstacle counts ``OBSTACLE_COST`` times): a short, flat edge has no free spot, so the
    steep edge crossing it is the one that moves. Two labels that still overlap are then moved
    together: two edges crossing in an X have a free pair of spots (both labels on the same
    side of the crossing) that moving one label at a time never reaches."""
    spots = [label_rects([s] * len(fractions), fractions, size) for s in segments]
    hulls = [_hull(candidates) for candidates in spots]
    near = [[m for m in range(len(spots)) if m != k and overlap(hulls[k], hulls[m])]
            for k in range(len(spots))]
    fixed = [[OBSTACLE_COST * sum(overlap(spot, o) for o in obstacles) for spot in candidates]
             for candidates in spots]
    chosen = [0] * len(segments)
    choices = range(len(fractions))

    def cost(k: int, n: int, skip: int = -1) -> int:
        spot = spots[k][n]
        return fixed[k][n] + sum(overlap(spot, spots[m][chosen[m]]) for m in near[k]
                                 if m != skip)

    for _ in range(PASSES):
        for k in range(len(spots)):
            chosen[k] = min(choices, key=lambda n, k=k: cost(k, n))
    for _ in range(PASSES):
        for a in range(len(spots)):
            for b in near[a]:
                if b > a and overlap(spots[a][chosen[a]], spots[b][chosen[b]]):
                    chosen[a], chosen[b] = min(
                        ((n, m) for n in choices for m in choices),
                        key=lambda pair, a=a, b=b: (cost(a, pair[0], b) + cost(b, pair[1], a)
                                                    + overlap(spots[a][pair[0]],
                                                              spots[b][pair[1]])))
    return [fractions[n] for n in chosen]
