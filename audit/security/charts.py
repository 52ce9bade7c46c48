"""Bar charts as server-rendered SVG: no script, no CSP change, and the same
markup serves the admin and a PDF."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format

WIDTH, HEIGHT, GAP = 600, 160, 2


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


@dataclass
class Chart:
    title: str
    width: int
    height: int
    bars: list[Bar]
    peak: int
    first_label: str
    last_label: str


def bar_chart(days: list[datetime.date], values: list[int], *, title: str) -> Chart:
    peak = max(values, default=0)
    slot = WIDTH / max(len(values), 1)
    bars = []
    for n, (day, value) in enumerate(zip(days, values, strict=True)):
        height = (value / peak) * (HEIGHT - 20) if peak else 0
        bars.append(
            Bar(
                x=round(n * slot + GAP / 2, 2),
                y=round(HEIGHT - height, 2),
                width=round(slot - GAP, 2),
                height=round(height, 2),
                label=date_format(day, "SHORT_DATE_FORMAT"),
                value=value,
            )
        )
    return Chart(
        title=title,
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        peak=peak,
        first_label=bars[0].label if bars else "",
        last_label=bars[-1].label if bars else "",
    )
