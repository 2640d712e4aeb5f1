"""Horizontal bar charts as inline SVG: no script, no external file, readable in print.

Hand-written because a charting library would either pull in JavaScript from a CDN or add a heavy
dependency for two bar charts. Every label is escaped; colours come from CSS classes, and each bar also
carries its label and number as text, so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 640
LABEL_WIDTH = 230
ROW = 24
BAR = 16


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    css_class: str = ""  # a class we generated ("c0"), never article text


def bar_chart(chart_id: str, title: str, description: str, bars: list[Bar]) -> str:
    """An accessible SVG (``role="img"`` with ``<title>`` and ``<desc>``); an empty string without bars."""
    if not bars:
        return ""
    top = max(b.value for b in bars) or 1
    span = WIDTH - LABEL_WIDTH - 60
    height = ROW * len(bars) + 8
    parts = [
        f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    for i, bar in enumerate(bars):
        y = 4 + i * ROW
        width = max(2, round(span * bar.value / top))
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        parts.append(
            f'<g class="bar {bar.css_class}"><text class="bl" x="{LABEL_WIDTH - 8}" y="{y + BAR - 3}" '
            f'text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR}" rx="2"></rect>'
            f'<text class="bv" x="{LABEL_WIDTH + width + 6}" y="{y + BAR - 3}">{bar.value}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
