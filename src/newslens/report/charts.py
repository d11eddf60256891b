"""Charts as inline SVG: no script, no network, readable when printed.

Written here rather than with a plotting library because the dossier must open offline as one
file, and a few rectangles, circles and lines need no dependency.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

#: PLOVER quad class of each type, for colour (see data/events/quad.toml)
QUAD_COLOURS = {
    "verbal_cooperation": "#74a9cf",
    "material_cooperation": "#0570b0",
    "verbal_conflict": "#fd8d3c",
    "material_conflict": "#d7301f",
    "story": "#969696",
}
LANES = list(QUAD_COLOURS)
LANE_LABELS = {
    "verbal_cooperation": "verbal cooperation",
    "material_cooperation": "material cooperation",
    "verbal_conflict": "verbal conflict",
    "material_conflict": "material conflict",
    "story": "story milestone",
}


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _span(entry: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    first = _day(entry["date"]) or _day(entry["date_earliest"]) or _day(entry["date_latest"])
    last = _day(entry["date"]) or _day(entry["date_latest"]) or first
    if first is None or last is None:
        return None
    return first, max(first, last)


def timeline_svg(entries: list[dict[str, Any]], classes: dict[str, str]) -> str:
    """Entries on a time axis, one lane per quad class; intervals drawn as bars."""
    placed = [(e, s) for e in entries if (s := _span(e)) is not None]
    if not placed:
        return '<p class="muted">No dated entries to chart.</p>'
    start = min(s[0] for _, s in placed)
    end = max(s[1] for _, s in placed)
    days = max((end - start).days, 1)
    width, left, lane_h, top = 860, 150, 34.0, 16
    height = top + lane_h * len(LANES) + 34

    def x(day: dt.date) -> float:
        return left + (width - left - 20) * (day - start).days / days

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Timeline from {start} to {end}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, lane in enumerate(LANES):
        y = top + lane_h * index
        parts.append(
            f'<rect x="{left}" y="{y}" width="{width - left - 20}" height="{lane_h - 6}" '
            'fill="#f4f4f4"/>'
            f'<text x="{left - 8}" y="{y + lane_h / 2 + 1}" text-anchor="end" '
            f'class="axis">{LANE_LABELS[lane]}</text>'
        )
    for tick in _ticks(start, end):
        tx = x(tick)
        parts.append(
            f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{height - 28}" stroke="#ccc"/>'
            f'<text x="{tx:.1f}" y="{height - 12}" text-anchor="middle" class="axis">'
            f"{tick.isoformat()[:7]}</text>"
        )
    for entry, (first, last) in placed:
        lane = "story" if entry["kind"] == "story" else classes.get(entry["type"], "story")
        y = top + lane_h * LANES.index(lane) + (lane_h - 6) / 2
        colour = QUAD_COLOURS[lane]
        label = escape(
            f"{first}{' – ' + str(last) if last != first else ''} {entry['type']}: "
            f"{entry['summary']}"
        )
        if last > first:
            parts.append(
                f'<rect x="{x(first):.1f}" y="{y - 4}" width="{max(x(last) - x(first), 2):.1f}" '
                f'height="8" rx="4" fill="{colour}" opacity="0.45"><title>{label}</title></rect>'
            )
        else:
            radius = 4 + min(int(entry.get("outlets", 1)), 6)
            parts.append(
                f'<circle cx="{x(first):.1f}" cy="{y}" r="{radius}" fill="{colour}" '
                f'opacity="0.85"><title>{label}</title></circle>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    """Month starts between the two dates (every second or third month on long spans)."""
    months = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            months.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    step = max(1, len(months) // 8)
    return months[::step] or [start]


def relation_svg(series: list[dict[str, Any]], weights: dict[str, float]) -> str:
    """Monthly cooperation–conflict score as bars above (cooperation) or below (conflict) zero,
    with the number of events written over each bar."""
    if not series:
        return '<p class="muted">No dated events between them.</p>'
    top_weight = max((abs(w) for w in weights.values()), default=2.0) or 2.0
    width, height, left = 860, 200, 40
    mid = height / 2
    bar = min(60.0, (width - left - 20) / len(series) - 6)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height + 20}" role="img" '
        'aria-label="Relation score by month" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{mid}" x2="{width - 10}" y2="{mid}" stroke="#999"/>',
        f'<text x="{left - 6}" y="14" text-anchor="end" class="axis">+{top_weight:g}</text>',
        f'<text x="{left - 6}" y="{mid + 4}" text-anchor="end" class="axis">0</text>',
        f'<text x="{left - 6}" y="{height - 4}" text-anchor="end" class="axis">'
        f"-{top_weight:g}</text>",
    ]
    for index, point in enumerate(series):
        score = float(point["score"])
        h = (mid - 8) * abs(score) / top_weight
        x = left + 10 + index * (bar + 6)
        y = mid - h if score >= 0 else mid
        colour = "#0570b0" if score >= 0 else "#d7301f"
        label = escape(
            f"{point['start'][:7]}: score {score:+.2f}, {point['events']} events ("
            + ", ".join(f"{t} {n}" for t, n in point["by_type"].items())
            + ")"
        )
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{max(h, 1):.1f}" '
            f'fill="{colour}"><title>{label}</title></rect>'
            f'<text x="{x + bar / 2:.1f}" y="{height + 14}" text-anchor="middle" class="axis">'
            f"{point['start'][:7]}</text>"
            f'<text x="{x + bar / 2:.1f}" y="{(y - 4) if score >= 0 else (y + h + 12):.1f}" '
            f'text-anchor="middle" class="axis">{point["events"]}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
