"""Word-free illustrations for the demo site, drawn with Pillow.

Each picture shows one subject in flat shapes on a gradient, and contains no
text, so the same file serves both languages; the alt text lives with the
page in the data files. Drawing is deterministic (no randomness, no fonts), so
a seed always makes the same files. Shapes are drawn at twice the size and
scaled down, which smooths their edges.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable

from PIL import Image, ImageDraw

SCALE = 2
WHITE = (255, 255, 255)
AMBER = (242, 169, 0)
PALE = (214, 230, 245)
NAVY = ((11, 61, 107), (31, 111, 178))
TEAL = ((13, 79, 74), (42, 140, 127))
DUSK = ((59, 42, 90), (11, 61, 107))


class Canvas:
    """A drawing surface measured in units: 100 units high, x = 0 in the middle."""

    def __init__(self, size: tuple[int, int], colors) -> None:
        width, height = size[0] * SCALE, size[1] * SCALE
        self.size = size
        start = Image.new("RGB", (width, height), colors[0])
        end = Image.new("RGB", (width, height), colors[1])
        mask = Image.linear_gradient("L").rotate(-45, expand=True)
        self.image = Image.composite(end, start, mask.resize((width, height)))
        self.draw = ImageDraw.Draw(self.image)
        self.unit = height / 100
        self.middle = width / 2

    def p(self, x: float, y: float) -> tuple[float, float]:
        return (self.middle + x * self.unit, y * self.unit)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> list[float]:
        return [*self.p(x0, y0), *self.p(x1, y1)]

    def w(self, units: float) -> int:
        return max(1, round(units * self.unit))

    def rect(self, x0, y0, x1, y1, fill=WHITE, radius=0.0, outline=None, width=0):
        self.draw.rounded_rectangle(
            self.box(x0, y0, x1, y1),
            radius=self.w(radius) if radius else 0,
            fill=fill,
            outline=outline,
            width=self.w(width) if width else 0,
        )

    def circle(self, x, y, r, fill=WHITE, outline=None, width=0):
        self.draw.ellipse(
            self.box(x - r, y - r, x + r, y + r),
            fill=fill,
            outline=outline,
            width=self.w(width) if width else 0,
        )

    def polygon(self, points, fill=WHITE):
        self.draw.polygon([self.p(x, y) for x, y in points], fill=fill)

    def line(self, points, fill=WHITE, width=2.0):
        self.draw.line(
            [self.p(x, y) for x, y in points],
            fill=fill,
            width=self.w(width),
            joint="curve",
        )

    def arc(self, x, y, r, start, end, fill=WHITE, width=2.0):
        self.draw.arc(
            self.box(x - r, y - r, x + r, y + r), start, end, fill, self.w(width)
        )

    def check(self, x, y, size, fill=AMBER, width=3.0):
        self.line(
            [(x - size, y), (x - size / 3, y + size * 0.7), (x + size, y - size * 0.8)],
            fill=fill,
            width=width,
        )

    def png(self) -> bytes:
        # BOX averages each 2x2 block: smooth enough, and fast (a seed is
        # waited for); PNG's "optimize" would triple the time for 10 % less.
        image = self.image.resize(self.size, Image.Resampling.BOX)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()


def aircraft(c: Canvas, x: float, y: float, size: float, fill=WHITE) -> None:
    """A plane seen from above, nose to the right."""
    s = size / 10
    c.polygon(
        [
            (x + 10 * s, y),
            (x + 8 * s, y - 1 * s),
            (x - 8 * s, y - 1 * s),
            (x - 10 * s, y),
            (x - 8 * s, y + 1 * s),
            (x + 8 * s, y + 1 * s),
        ],
        fill,
    )
    c.polygon([(x + 2 * s, y), (x - 3 * s, y - 8 * s), (x - 5 * s, y - 8 * s)], fill)
    c.polygon([(x + 2 * s, y), (x - 3 * s, y + 8 * s), (x - 5 * s, y + 8 * s)], fill)
    c.polygon([(x - 7 * s, y), (x - 10 * s, y - 4 * s), (x - 11 * s, y - 4 * s)], fill)
    c.polygon([(x - 7 * s, y), (x - 10 * s, y + 4 * s), (x - 11 * s, y + 4 * s)], fill)


def heartbeat(c: Canvas, x0: float, x1: float, y: float, fill=AMBER) -> None:
    step = (x1 - x0) / 10
    c.line(
        [
            (x0, y),
            (x0 + 3 * step, y),
            (x0 + 4 * step, y - 12),
            (x0 + 5 * step, y + 10),
            (x0 + 6 * step, y - 4),
            (x0 + 6.6 * step, y),
            (x1, y),
        ],
        fill=fill,
        width=2.5,
    )


def health_cross(c: Canvas, x: float, y: float, arm: float, fill=AMBER) -> None:
    c.rect(x - arm / 3, y - arm, x + arm / 3, y + arm, fill)
    c.rect(x - arm, y - arm / 3, x + arm, y + arm / 3, fill)


def star(c: Canvas, x: float, y: float, r: float, fill=AMBER) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        points.append((x + radius * math.cos(angle), y - radius * math.sin(angle)))
    c.polygon(points, fill)


# --- Subjects ---------------------------------------------------------------------


def runway(c: Canvas) -> None:
    # Kept to the right: the hero's title and text lie over the left side.
    c.polygon([(13, 100), (53, 45), (64, 45), (120, 100)])
    # Runway centerline marks, wider and longer as they come nearer.
    for y, half, length in ((52, 0.6, 5), (63, 0.9, 7), (77, 1.3, 10)):
        c.rect(58.5 - half, y, 58.5 + half, y + length, AMBER)
    health_cross(c, 101, 22, 8)


def examination(c: Canvas) -> None:
    heartbeat(c, -80, 80, 72)
    # Stethoscope: ear tubes, the hanging tube, the chest piece.
    c.line([(-26, 14), (-20, 40), (0, 52), (20, 40), (26, 14)], width=2.5)
    c.line([(0, 52), (4, 62), (22, 64), (34, 52)], width=2.5)
    c.circle(34, 48, 6)
    c.circle(34, 48, 3, fill=NAVY[0])
    health_cross(c, -48, 30, 8)


def calendar(c: Canvas) -> None:
    c.rect(-32, 20, 32, 84, radius=3)
    c.rect(-32, 20, 32, 32, fill=AMBER, radius=3)
    for x in (-18, 18):
        c.rect(x - 2, 14, x + 2, 26, fill=PALE, radius=1)
    for row in range(4):
        for col in range(5):
            x, y = -24 + col * 12, 40 + row * 11
            marked = (row, col) == (1, 3)
            c.rect(x - 4, y - 3.5, x + 4, y + 3.5, fill=AMBER if marked else PALE)


def pilot_checkup(c: Canvas) -> None:
    aircraft(c, 0, 36, 24)
    heartbeat(c, -70, 70, 76)


def cadets(c: Canvas) -> None:
    # A mortarboard: the board, the cap and a tassel.
    c.polygon([(-40, 44), (-14, 32), (12, 44), (-14, 56)])
    c.rect(-26, 50, -2, 64, radius=2)
    c.line([(8, 46), (8, 60)], fill=AMBER, width=1.5)
    c.circle(8, 62, 2.5, fill=AMBER)
    aircraft(c, 32, 40, 16, fill=PALE)


def online_registration(c: Canvas) -> None:
    c.rect(-34, 22, 34, 66, radius=2)
    c.rect(-30, 26, 30, 62, fill=NAVY[0])
    c.polygon([(-42, 70), (42, 70), (36, 76), (-36, 76)])
    c.check(0, 42, 10)


def control_tower(c: Canvas) -> None:
    c.rect(-80, 84, 80, 90, fill=PALE)
    c.polygon([(-6, 84), (-4, 40), (4, 40), (6, 84)])
    c.polygon([(-14, 28), (14, 28), (10, 40), (-10, 40)])
    c.rect(-12, 30, 12, 36, fill=DUSK[0])
    c.rect(-10, 22, 10, 28)
    c.line([(0, 22), (0, 14)], width=1.5)
    c.circle(0, 13, 1.8, fill=AMBER)
    aircraft(c, 44, 24, 12, fill=PALE)


def rest_and_hydration(c: Canvas) -> None:
    # A glass of water.
    c.polygon([(-36, 30), (-10, 30), (-14, 80), (-32, 80)], fill=PALE)
    c.polygon([(-34.5, 46), (-11.5, 46), (-14, 80), (-32, 80)], fill=(120, 190, 235))
    # A crescent moon and two stars.
    c.circle(24, 42, 18, fill=AMBER)
    c.circle(32, 36, 16, fill=TEAL[0])
    star(c, 42, 66, 4, fill=WHITE)
    star(c, 8, 70, 3, fill=WHITE)


def fees(c: Canvas) -> None:
    for n in range(5):
        y = 76 - n * 7
        c.draw.ellipse(
            c.box(-40, y - 5, -6, y + 5), fill=AMBER, outline=WHITE, width=c.w(0.8)
        )
    # A receipt with a zigzag foot.
    c.polygon(
        [
            (6, 20),
            (36, 20),
            (36, 80),
            (32, 76),
            (28, 80),
            (24, 76),
            (20, 80),
            (16, 76),
            (12, 80),
            (8, 76),
            (6, 80),
        ]
    )
    for y in (30, 38, 46, 54):
        c.rect(11, y, 31 if y != 54 else 22, y + 3, fill=PALE)


def laboratory(c: Canvas) -> None:
    # A flask.
    c.rect(-30, 20, -18, 40)
    c.polygon([(-30, 40), (-18, 40), (-4, 80), (-44, 80)])
    c.polygon([(-36.5, 62), (-11.5, 62), (-5, 80), (-43, 80)], fill=(120, 190, 235))
    # Two test tubes.
    for x in (6, 18):
        c.rect(x - 4, 30, x + 4, 80, radius=4)
        c.rect(x - 4, 60, x + 4, 80, fill=AMBER, radius=4)
    # A rosette for the accreditation.
    star(c, 44, 36, 12, fill=AMBER)
    c.circle(44, 36, 5, fill=WHITE)


def seminar(c: Canvas) -> None:
    c.rect(-40, 14, 40, 54)
    c.rect(-2, 54, 2, 62)
    for n, height in enumerate((10, 18, 14, 24)):
        x = -26 + n * 14
        c.rect(x, 46 - height, x + 8, 46, fill=NAVY[1] if n % 2 else AMBER)
    for row, y in enumerate((72, 86)):
        for col in range(7 - row):
            x = -48 + col * 16 + row * 8
            c.circle(x, y, 4, fill=PALE)
            c.rect(x - 6, y + 5, x + 6, y + 12, fill=PALE, radius=5)


def medical_form(c: Canvas) -> None:
    c.rect(-28, 18, 28, 86, radius=3, fill=(180, 120, 60))
    c.rect(-24, 24, 24, 82, radius=1)
    c.rect(-10, 14, 10, 22, radius=2, fill=PALE)
    for n, y in enumerate((34, 48, 62)):
        c.rect(-18, y, -10, y + 8, outline=NAVY[0], width=1, fill=WHITE)
        c.rect(-4, y + 2, 18, y + 6, fill=PALE)
        if n < 2:
            c.check(-14, y + 3, 5, width=2)
    health_cross(c, 14, 74, 4, fill=AMBER)


def survey(c: Canvas) -> None:
    for n in range(5):
        star(c, -36 + n * 18, 26, 8, fill=AMBER if n < 4 else PALE)
    for n, height in enumerate((12, 20, 28, 36)):
        x = -30 + n * 16
        c.rect(x, 84 - height, x + 10, 84)
    c.rect(-36, 84, 36, 86, fill=PALE)


def integrity(c: Canvas) -> None:
    c.polygon([(0, 14), (30, 24), (28, 56), (0, 86), (-28, 56), (-30, 24)])
    c.polygon([(0, 20), (24, 28), (22, 54), (0, 78), (-22, 54), (-24, 28)], NAVY[0])
    c.check(0, 48, 12, width=4)


# name: (drawing, size, colours)
SUBJECTS: dict[str, tuple[Callable[[Canvas], None], tuple[int, int], tuple]] = {
    "runway": (runway, (1600, 600), NAVY),
    "examination": (examination, (1600, 600), TEAL),
    "calendar": (calendar, (1200, 680), NAVY),
    "pilot-checkup": (pilot_checkup, (1200, 680), NAVY),
    "cadets": (cadets, (1200, 680), TEAL),
    "online-registration": (online_registration, (1200, 680), DUSK),
    "control-tower": (control_tower, (1200, 680), DUSK),
    "rest-and-hydration": (rest_and_hydration, (1200, 680), TEAL),
    "fees": (fees, (1200, 680), NAVY),
    "laboratory": (laboratory, (1200, 680), TEAL),
    "seminar": (seminar, (1200, 680), DUSK),
    "medical-form": (medical_form, (1200, 680), TEAL),
    "survey": (survey, (1200, 680), NAVY),
    "integrity": (integrity, (1200, 680), DUSK),
}


def draw(name: str) -> bytes:
    """The PNG of the named subject (a key of ``SUBJECTS``)."""
    drawing, size, colors = SUBJECTS[name]
    canvas = Canvas(size, colors)
    drawing(canvas)
    return canvas.png()
