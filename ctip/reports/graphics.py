"""PNG bar charts for the statistics annex in DOCX (HTML/PDF use ctip.core.charts' SVG).

The PNG is drawn with Pillow (a WeasyPrint dependency) using the shipped DejaVu Sans font, so a
chart looks the same on a server without fonts installed.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parents[1] / "static" / "fonts"
BAR = "#2f5f8a"


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


@lru_cache(maxsize=4)
def _font(size: int):
    # Pillow is loaded only when a DOCX annex draws a chart
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), size)


def png_bar_chart(labels: list[str], values: list[float], *, scale: int = 2) -> bytes:
    """The same chart as a PNG (drawn at `scale`× for crisp print)."""
    # Pillow is loaded only when a DOCX annex draws a chart
    from PIL import Image, ImageDraw

    label_w, bar_w, row_h, pad = 220 * scale, 300 * scale, 22 * scale, 6 * scale
    width = label_w + bar_w + 60 * scale
    height = pad * 2 + row_h * max(1, len(labels))
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    font = _font(11 * scale)
    top = max(values) if values else 0
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = pad + i * row_h
        w = 0 if not top else max(scale, round(bar_w * value / top)) if value else 0
        short = label if len(label) <= 34 else label[:33] + "…"
        tw = draw.textlength(short, font=font)
        draw.text((label_w - 6 * scale - tw, y + 4 * scale), short, fill="#222222", font=font)
        if w:
            draw.rectangle([label_w, y + 3 * scale, label_w + w, y + row_h - 3 * scale], fill=BAR)
        draw.text((label_w + w + 4 * scale, y + 4 * scale), _fmt(value), fill="#222222", font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
