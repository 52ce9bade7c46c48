"""The report's charts as server-rendered SVG: the same markup in the admin and
in the PDF (WeasyPrint draws inline SVG), with no script and no CSP change.
Drawn from the stored figures, so a stored report draws the same charts."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD, AXIS = 600, 140, 4, 16


def _frame(title: str, body: SafeString, first: str, last: str) -> SafeString:
    return format_html(
        '<svg class="reports-chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-label="{t}" xmlns="http://www.w3.org/2000/svg"><title>{t}</title>{b}'
        '<text x="0" y="{ty}" font-size="11" fill="#555">{f}</text>'
        '<text x="{w}" y="{ty}" font-size="11" fill="#555" text-anchor="end">{l}</text>'
        "</svg>",
        w=WIDTH,
        h=HEIGHT + AXIS,
        t=title,
        b=body,
        ty=HEIGHT + AXIS - 3,
        f=first,
        l=last,
    )


def _bars(points: list[tuple[str, float | None, str, str]], top: float) -> SafeString:
    step = WIDTH / max(len(points), 1)
    bars = []
    for i, (label, value, colour, text) in enumerate(points):
        height = (
            HEIGHT - 2 * PAD
            if value is None
            else max(1.0, (HEIGHT - 2 * PAD) * value / (top or 1))
        )
        bars.append(
            (
                round(i * step + 1, 1),
                round(HEIGHT - PAD - height, 1),
                round(max(step - 2, 1), 1),
                round(height, 1),
                colour,
                f"{label}: {text}",
            )
        )
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
        bars,
    )


def _day(value: str) -> str:
    return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")


def uptime_chart(days: list[list]) -> SafeString:
    """One bar per day, its height the uptime; grey: no probes that day."""
    points = []
    for day, uptime in days:
        if uptime is None:
            points.append((_day(day), None, "#d0d0d0", _("no data")))
            continue
        colour = (
            "#1a7f37" if uptime >= 99.5 else "#bf8700" if uptime >= 95 else "#cf222e"
        )
        points.append((_day(day), uptime, colour, f"{number_format(uptime, 1)}%"))
    first, last = (_day(days[0][0]), _day(days[-1][0])) if days else ("", "")
    return _frame(_("Uptime per day"), _bars(points, 100), first, last)


def views_chart(per_day: list[list]) -> SafeString:
    top = max((value for _day_, value in per_day), default=0)
    points = [
        (_day(day), value, "#0969da", number_format(value, force_grouping=True))
        for day, value in per_day
    ]
    first, last = (_day(per_day[0][0]), _day(per_day[-1][0])) if per_day else ("", "")
    title = _("Page views per day, highest %(n)s") % {
        "n": number_format(top, force_grouping=True)
    }
    return _frame(title, _bars(points, top), first, last)
