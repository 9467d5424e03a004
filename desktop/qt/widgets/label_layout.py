"""Where to put point labels so that none covers another: a greedy search in pixels.

Pure geometry (no Qt), used by the rotation chart for its tickers' names. Coordinates are
pixels with y growing downwards, as on screen. Each label is tried beside its point, right then
left, then one label height further up or down at a time, until it touches no label placed
before it, no other point and no obstacle (the legend); the first label placed is the topmost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_STEPS = 12  # label heights a label may move up or down before it gives up and overlaps


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle: left, top, width, height in pixels."""

    left: float
    top: float
    width: float
    height: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.left < other.left + other.width
            and other.left < self.left + self.width
            and self.top < other.top + other.height
            and other.top < self.top + self.height
        )


def place_labels(
    points: Sequence[tuple[float, float]],
    sizes: Sequence[tuple[float, float]],
    *,
    gap: float = 7.0,
    dot: float = 6.0,
    obstacles: Sequence[Box] = (),
) -> list[Box]:
    """A box for each label of size (width, height) beside its point (x, y), none overlapping.

    gap: pixels between a point and its label's near edge. dot: a point's radius; labels keep
    off every point. obstacles: boxes no label may cover. A label that finds no free place
    within MAX_STEPS label heights stays beside its point.
    """
    dots = [Box(x - dot, y - dot, 2 * dot, 2 * dot) for x, y in points]
    placed: dict[int, Box] = {}
    for i in sorted(range(len(points)), key=lambda k: (points[k][1], points[k][0])):
        taken = [*placed.values(), *obstacles, *(d for k, d in enumerate(dots) if k != i)]
        options = _candidates(points[i], sizes[i], gap)
        placed[i] = next((b for b in options if not any(b.overlaps(t) for t in taken)), options[0])
    return [placed[i] for i in range(len(points))]


def _candidates(point: tuple[float, float], size: tuple[float, float], gap: float) -> list[Box]:
    (x, y), (width, height) = point, size
    boxes = []
    for step in range(MAX_STEPS + 1):
        for shift in (step, -step) if step else (0,):
            top = y - height / 2 + shift * height
            boxes.append(Box(x + gap, top, width, height))
            boxes.append(Box(x - gap - width, top, width, height))
    return boxes
