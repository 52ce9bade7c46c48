"""Server-rendered SVG charts: no script, no CSP change, printable.

Each function returns the SVG markup as a safe string; the numbers come from
``history.daily()``.
"""

from __future__ import annotations

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 600, 120, 4


def _frame(
    title: str,
    body: SafeString,
    *,
    css_class: str = "monitoring-chart",
    height: int | None = None,
) -> SafeString:
    # A sparkline stretches to the panel's width at a fixed height.
    sizing = (
        format_html(' height="{}" preserveAspectRatio="none"', height) if height else ""
    )
    return format_html(
        '<svg class="{}" viewBox="0 0 {} {}" width="100%"{} '
        'role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}</svg>",
        css_class,
        WIDTH,
        HEIGHT,
        sizing,
        title,
        title,
        body,
    )


def uptime_chart(days) -> SafeString:
    """One bar per day, its height the uptime (grey: no data)."""
    step = WIDTH / max(len(days), 1)
    bars = []
    for i, day in enumerate(days):
        label = date_format(day.day, "DATE_FORMAT")
        if day.uptime is None:
            height, colour, text = HEIGHT - 2 * PAD, "#d0d0d0", _("no data")
        else:
            height = max(2, (HEIGHT - 2 * PAD) * day.uptime / 100)
            colour = (
                "#1a7f37"
                if day.uptime >= 99.5
                else ("#bf8700" if day.uptime >= 95 else "#cf222e")
            )
            text = f"{number_format(day.uptime, 1)}%"
        bars.append(
            (
                round(i * step + 1, 1),
                round(HEIGHT - PAD - height, 1),
                round(step - 2, 1),
                round(height, 1),
                colour,
                f"{label}: {text}",
            )
        )
    body = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
        bars,
    )
    return _frame(_("Uptime per day, last 30 days"), body)


def _polyline(values: list[int | None], top: float, colour: str) -> SafeString:
    step = WIDTH / max(len(values) - 1, 1)
    points = " ".join(
        f"{round(i * step, 1)},{round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * v / top, 1)}"
        for i, v in enumerate(values)
        if v is not None
    )
    if not points:
        return mark_safe("")  # noqa: S308 (constant)
    return format_html(
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2" vector-effect="non-scaling-stroke"/>',
        points,
        colour,
    )


def latency_chart(days) -> SafeString:
    """Median and 95th percentile latency per day."""
    p50 = [d.latency_p50_ms for d in days]
    p95 = [d.latency_p95_ms for d in days]
    top = max([v for v in p95 + p50 if v is not None] or [1])
    body = _polyline(p95, top, "#bf8700") + _polyline(p50, top, "#0969da")
    return _frame(
        _(
            "Latency per day, last 30 days: median (blue) and 95th percentile "
            "(orange), highest %(ms)s ms"
        )
        % {"ms": top},
        body,
    )


def sparkline(values: list[int | None]) -> SafeString:
    top = max([v for v in values if v is not None] or [1])
    return _frame(
        _("Latency of the last probes, highest %(ms)s ms") % {"ms": top},
        _polyline(values, top, "#0969da"),
        css_class="monitoring-sparkline",
        height=48,
    )
