"""Server-rendered SVG charts (no JavaScript): accessible, escaped, no inline styles.

`bar_chart(rows, title)` draws a horizontal bar chart of rows given as dicts with "label" and
"value" (or as (label, value) pairs). The SVG has <title> and <desc> (role="img"), an axis line
with its label, each bar's value written next to it, and only presentation attributes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 220
CHART_WIDTH = 640
VALUE_WIDTH = 60
TOP = 34
FONT = "DejaVu Sans, sans-serif"
COLOR = "#0b5cad"
MAX_LABEL_CHARS = 30


def _rows(rows: Iterable) -> list[tuple[str, float]]:
    out = []
    for row in rows:
        if isinstance(row, dict):
            label, value = row.get("label", ""), row.get("value", 0)
        else:
            label, value = row[0], row[1]
        try:
            number = float(value or 0)
        except (TypeError, ValueError):
            number = 0.0
        out.append((str(label), max(number, 0.0)))
    return out


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def bar_chart(rows, title: str, *, axis_label: str = "", desc: str = "") -> str:
    """SVG markup (a string) for a horizontal bar chart."""
    data = _rows(rows)
    bars_width = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP + max(len(data), 1) * (BAR_HEIGHT + GAP) + 40
    top = max((v for _, v in data), default=0) or 1
    uid = "c" + hashlib.sha1(f"{title}|{len(data)}|{data[:3]}".encode()).hexdigest()[:8]
    summary = desc or "; ".join(f"{label}: {_fmt(v)}" for label, v in data) or "—"
    parts = _opening(uid, title, summary, height)
    y = TOP
    for label, value in data:
        parts.append(_bar(label, value, y, bars_width, top))
        y += BAR_HEIGHT + GAP
    if not data:
        parts.append(f'<text x="{LABEL_WIDTH}" y="{y + 14}" fill="#5b6775">—</text>')
        y += BAR_HEIGHT + GAP
    parts.append(_axes(y, bars_width, top, axis_label))
    parts.append("</svg>")
    return "".join(parts)


def _opening(uid: str, title: str, summary: str, height: float) -> list[str]:
    """The <svg> element's opening, its <title> and <desc> (for screen readers) and the heading."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="{CHART_WIDTH}" '
        f'height="{height}" viewBox="0 0 {CHART_WIDTH} {height}" aria-labelledby="{uid}-t {uid}-d" '
        f'font-family={quoteattr(FONT)} font-size="12">',
        f'<title id="{uid}-t">{escape(title)}</title>',
        f'<desc id="{uid}-d">{escape(summary)}</desc>',
        f'<text x="0" y="16" font-size="14" font-weight="bold" fill="#1d2733">{escape(title)}</text>',
    ]


def _bar(label: str, value: float, y: float, bars_width: float, top: float) -> str:
    """One bar at height `y`: its label on the left, the bar scaled to `top`, the value after it."""
    width = round(bars_width * value / top, 1)
    mid = y + BAR_HEIGHT / 2 + 4
    return (
        f"<g><title>{escape(label)}: {_fmt(value)}</title>"
        f'<text x="{LABEL_WIDTH - 6}" y="{mid}" text-anchor="end" fill="#1d2733">'
        f"{escape(_short(label))}</text>"
        f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
        f'fill="{COLOR}"/>'
        f'<text x="{LABEL_WIDTH + width + 4}" y="{mid}" fill="#1d2733">{_fmt(value)}</text></g>'
    )


def _axes(y: float, bars_width: float, top: float, axis_label: str) -> str:
    """The two axis lines ending at `y`, the scale's 0 and `top` marks and the axis label."""
    out = (
        f'<line x1="{LABEL_WIDTH}" y1="{TOP - 4}" x2="{LABEL_WIDTH}" y2="{y}" '
        f'stroke="#5b6775" stroke-width="1"/>'
        f'<line x1="{LABEL_WIDTH}" y1="{y}" x2="{LABEL_WIDTH + bars_width}" y2="{y}" '
        f'stroke="#5b6775" stroke-width="1"/>'
        f'<text x="{LABEL_WIDTH}" y="{y + 14}" fill="#5b6775">0</text>'
        f'<text x="{LABEL_WIDTH + bars_width}" y="{y + 14}" text-anchor="end" '
        f'fill="#5b6775">{_fmt(top)}</text>'
    )
    if axis_label:
        out += (
            f'<text x="{LABEL_WIDTH + bars_width / 2}" y="{y + 30}" text-anchor="middle" '
            f'fill="#5b6775">{escape(axis_label)}</text>'
        )
    return out


TARGET_COLOR = "#a86200"


def _number(value) -> float | None:
    try:
        return None if value is None else max(float(value), 0.0)
    except (TypeError, ValueError):
        return None


def target_chart(rows, title: str, *, unit: str = "", labels: dict | None = None) -> str:
    """SVG markup of progress against targets: one bar per row (dicts with "label", "value" and
    "target"; None for not known) with the target drawn as a tick across it and "value / target
    unit" written beside. `labels` names the two in the legend ({"value": …, "target": …})."""
    labels = labels or {"value": "value", "target": "target"}
    data = [(str(r["label"]), _number(r.get("value")), _number(r.get("target"))) for r in rows]
    bars_width = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH - 40
    height = TOP + max(len(data), 1) * (BAR_HEIGHT + GAP) + 40
    top = max((max(v or 0, t or 0) for _l, v, t in data), default=0) or 1
    uid = "t" + hashlib.sha1(f"{title}|{data}".encode()).hexdigest()[:8]
    summary = "; ".join(
        f"{label}: {_fmt(v) if v is not None else '—'} / {_fmt(t) if t is not None else '—'}"
        for label, v, t in data
    )
    parts = _opening(uid, title, summary or "—", height)
    y = TOP
    for label, value, target in data:
        parts.append(_target_row(label, value, target, y, bars_width, top, unit))
        y += BAR_HEIGHT + GAP
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{TOP - 4}" x2="{LABEL_WIDTH}" y2="{y}" '
        f'stroke="#5b6775" stroke-width="1"/>'
        f'<rect x="{LABEL_WIDTH}" y="{y + 8}" width="12" height="10" fill="{COLOR}"/>'
        f'<text x="{LABEL_WIDTH + 16}" y="{y + 17}" fill="#1d2733">{escape(labels["value"])}</text>'
        f'<rect x="{LABEL_WIDTH + 120}" y="{y + 6}" width="3" height="14" fill="{TARGET_COLOR}"/>'
        f'<text x="{LABEL_WIDTH + 128}" y="{y + 17}" fill="#1d2733">{escape(labels["target"])}</text>'
        "</svg>"
    )
    return "".join(parts)


def _target_row(label, value, target, y, bars_width, top, unit) -> str:
    mid = y + BAR_HEIGHT / 2 + 4
    width = round(bars_width * (value or 0) / top, 1)
    text = f"{_fmt(value) if value is not None else '—'} / {_fmt(target) if target is not None else '—'}"
    out = (
        f"<g><title>{escape(label)}: {escape(text)} {escape(unit)}</title>"
        f'<text x="{LABEL_WIDTH - 6}" y="{mid}" text-anchor="end" fill="#1d2733">'
        f"{escape(_short(label))}</text>"
        f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" fill="{COLOR}"/>'
    )
    if target is not None:
        tx = round(LABEL_WIDTH + bars_width * target / top, 1)
        out += (
            f'<rect x="{tx - 1.5}" y="{y - 3}" width="3" height="{BAR_HEIGHT + 6}" '
            f'fill="{TARGET_COLOR}"/>'
        )
    end = LABEL_WIDTH + max(width, bars_width * (target or 0) / top) + 6
    return (
        out
        + f'<text x="{round(end, 1)}" y="{mid}" fill="#1d2733">{escape(text)} {escape(unit)}</text></g>'
    )
