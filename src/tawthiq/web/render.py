"""Layout of the inline SVG timeline (numbers only: the template writes the escaped markup)."""

from __future__ import annotations

from typing import Any

WIDTH = 760
HEIGHT = 170
PAD_LEFT = 36
PAD_BOTTOM = 24
PAD_TOP = 8


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return value


def timeline_svg(line: dict[str, Any], lang: str, colors: dict[str, str]) -> dict[str, Any]:
    """Stacked bars per bucket and event type, in SVG user units."""
    buckets = line["buckets"]
    types = line["types"]
    plot_w = WIDTH - PAD_LEFT - 4
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    top = _nice_max(max((b["total"] for b in buckets), default=0))
    n = max(len(buckets), 1)
    step = plot_w / n
    bar_w = max(step * 0.8, 1.0)
    bars = []
    for index, bucket in enumerate(buckets):
        x = PAD_LEFT + index * step + (step - bar_w) / 2
        y = PAD_TOP + plot_h
        for event_type in types:
            count = bucket["by_type"].get(event_type, 0)
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            bars.append(
                {
                    "x": round(x, 2),
                    "y": round(y, 2),
                    "w": round(bar_w, 2),
                    "h": round(max(h, 0.5), 2),
                    "type": event_type,
                    "color": colors.get(event_type, "#777777"),
                    "count": count,
                    "start": bucket["start"],
                }
            )
    ticks = []
    if buckets:
        picks = sorted({0, len(buckets) // 2, len(buckets) - 1})
        for index in picks:
            ticks.append({"x": round(PAD_LEFT + index * step + step / 2, 2), "label": buckets[index]["start"]})
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "pad_left": PAD_LEFT,
        "base_y": PAD_TOP + plot_h,
        "top_y": PAD_TOP,
        "max": top,
        "bars": bars,
        "ticks": ticks,
        "bucket": line["bucket"],
        "types": types,
        "empty": not buckets,
    }
