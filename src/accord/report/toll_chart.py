"""The toll over time: one chart per figure of a headline measure, every claim a mark.

x is the date a claim was true as of, y its value. A claim is a dot at the figure it states,
with a bar over the counts its hedge allows (the reconciler's reading, docs/reconciliation.md §2):
"about 350" a bar from 315 to 385, "70 to 80" a bar from 70 to 80, "at least 16" a bar from 16
that runs off the top with an arrow. Claims of one day sit side by side, so a dispute shows as
marks spread up and down at one date. The figure's conservative and consensus estimates are
horizontal lines; the latest figure as of each date (the median of that date's counted claims,
as the reconciler's ``latest``, perpetrators' claims left out when others gave one) is a step line,
so an update shows as a step. Each mark is a link to its sentence, focusable and followed with
Enter; the same claims are given as a table beside the chart.

Like :mod:`accord.report.maps`, this builds plain view dicts of pixels and texts; the SVG is
written by ``templates/pictures.html.j2``, which escapes every text.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from statistics import median
from typing import Any

from accord.models import Claim
from accord.reconcile.intervals import UNBOUNDED, allowed, describe_value, has_number, stated_point
from accord.store import claim_id

#: The measures charted, in the order the page shows them.
HEADLINE_MEASURES: tuple[str, ...] = ("killed", "injured", "held", "rescued", "released")
#: Modalities whose figures count (threats and denials, like parts of a total, are drawn hollow:
#: listed, never counted).
COUNTED_MODALITIES = frozenset({"reported", "claimed"})

#: Colours of the source kinds (the Okabe-Ito palette, told apart by colour-blind readers).
KIND_COLOURS: dict[str, str] = {
    "official": "#0072B2", "security": "#56B4E9", "perpetrator": "#D55E00", "witness": "#CC79A7",
    "media": "#E69F00", "expert": "#009E73", "unattributed": "#767676",
}
ESTIMATE = "#1d2330"
LATEST = "#8a5a00"

WIDTH, HEIGHT = 480, 230
#: The plot area inside the view box: room on the left for the counts, below for the dates.
LEFT, RIGHT, TOP, BOTTOM = 46, 14, 14, 32
#: Horizontal distance between the marks of one date, in pixels.
DODGE_PX = 11.0
#: Room between the plot's edges and its first and last dates, at least; the undated column's width,
#: at least; and the largest share of the plot the marks of one date may take before they close up.
EDGE_PX = 18.0
UNDATED_MIN_PX = 46.0
MAX_COLUMN_SHARE = 0.4
DOT_RADIUS = 5.5
#: Most count labels on the y axis, above zero.
MAX_COUNT_TICKS = 5
#: Most date labels on the x axis.
MAX_DATE_TICKS = 6
#: Steps between date labels, in days, the first that gives at most MAX_DATE_TICKS is used.
DATE_STEPS = (1, 2, 3, 7, 14, 30, 61, 91, 182, 365, 730, 1826, 3652)
UNDATED = "undated"


def _day(as_of: str | None) -> dt.date | None:
    """The date a claim was true as of (a month or a year: its first day); None when undated."""
    if not as_of:
        return None
    text = as_of[:10]
    for pattern, length in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return dt.datetime.strptime(text[:length], pattern).date()
        except ValueError:
            continue
    return None


def _nice_max(value: float) -> tuple[int, int]:
    """A round top for the y axis at or above ``value``, and the whole-number step between its ticks
    (people are counted in whole numbers: no tick at 2.5)."""
    exponent = 10 ** max(math.floor(math.log10(max(value, 1.0))) - 1, 0)
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        tick = step * exponent
        if value / tick <= MAX_COUNT_TICKS:
            return max(math.ceil(value / tick), 1) * tick, tick
    return math.ceil(value), math.ceil(value)


def _number(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,.1f}"


#: What the marks and lines of every chart mean, said once above the charts.
KEY = ("Each dot is one claim, placed at the date it was true as of and coloured by the kind of source "
       "that gave it; claims of one date stand side by side, so a dispute shows as dots spread up and down. "
       "A bar shows the counts a hedged figure allows (about, a range; an arrow: no upper bound); a hollow "
       "dot is a threat, a denial or a part of a total (\"including seven children\"), listed but never "
       "counted. Lines: the figure's conservative and "
       "consensus estimates, and, stepping at each date, the latest figure given by then. "
       "Select a dot to read its sentence; each chart's data is also given as a table.")


def _date_ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    days = (last - first).days
    step = next((s for s in DATE_STEPS if days // s + 1 <= MAX_DATE_TICKS), DATE_STEPS[-1])
    return [first + dt.timedelta(days=k * step) for k in range(days // step + 1)]


def _date_label(day: dt.date, with_year: bool) -> str:
    return f"{day.day} {day:%b}" + (f" {day.year}" if with_year else "")


def _counted(claim: Mapping[str, Any]) -> bool:
    """Whether the claim's figure counts toward the estimates: reported or claimed, and a total, not a
    part of one ("including seven children")."""
    return (claim.get("modality") or "reported") in COUNTED_MODALITIES and claim.get("scope") != "subset"


def _latest_steps(claims: Sequence[tuple[Mapping[str, Any], Claim]]) -> list[tuple[dt.date, float]]:
    """(date, latest figure as of that date) at each date a counted claim was given."""
    counted = [(data, claim) for data, claim in claims if _counted(data) and has_number(claim)
               and _day(data.get("as_of")) is not None]
    others = [(d, c) for d, c in counted if c.source.kind != "perpetrator"]
    pool = others or counted
    by_day: dict[dt.date, list[int]] = {}
    for data, claim in pool:
        by_day.setdefault(_day(data.get("as_of")), []).append(stated_point(claim))  # type: ignore[arg-type]  # a day: undated claims left out above
    return [(day, float(median(values))) for day, values in sorted(by_day.items())]


def toll_chart(figure: Mapping[str, Any], href: Callable[[Mapping[str, Any]], str], *,
               outlet: Callable[[Mapping[str, Any]], str | None] = lambda claim: claim.get("outlet"),
               dom_id: str) -> dict[str, Any] | None:
    """The chart of one figure (a dict of the JSON contract); None when it has no claim.

    ``href`` gives a claim's link (its sentence), ``outlet`` its outlet, ``dom_id`` a page-unique id.
    """
    pairs = [(data, Claim.from_dict(dict(data))) for data in figure.get("claims") or []]
    if not pairs:
        return None
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    days = sorted({d for d in (_day(data.get("as_of")) for data, _ in pairs) if d is not None})
    undated = any(_day(data.get("as_of")) is None for data, _ in pairs)

    # y: zero to a round number above every finite count shown.
    finite = [v for data, claim in pairs if has_number(claim) for v in allowed(claim) if v != UNBOUNDED]
    finite += [stated_point(claim) for _, claim in pairs if has_number(claim)]
    finite += [float(figure[k]) for k in ("conservative", "consensus", "high") if figure.get(k) is not None]
    top, tick = _nice_max(max(finite, default=1.0) * 1.08)

    def y(value: float) -> float:
        return TOP + plot_h - min(value, top) / top * plot_h

    groups: dict[dt.date | None, list[tuple[Mapping[str, Any], Claim]]] = {}
    for data, claim in pairs:
        groups.setdefault(_day(data.get("as_of")), []).append((data, claim))

    # x: the dates, with a column for the undated at the left, each wide enough for its marks side
    # by side (up to a share of the plot, past which they close up).
    widest = max((len(m) for d, m in groups.items() if d is not None), default=0)
    pad = min(max(EDGE_PX, (widest - 1) / 2 * DODGE_PX + DOT_RADIUS + 2), MAX_COLUMN_SHARE * plot_w / 2)
    undated_w = (min(max(UNDATED_MIN_PX, len(groups.get(None, [])) * DODGE_PX + 8), MAX_COLUMN_SHARE * plot_w)
                 if undated else 0.0)
    inner = (LEFT + undated_w + pad, LEFT + plot_w - pad)  # room for the dodged marks at both ends
    span = (days[-1] - days[0]).days if days else 0

    def x(day: dt.date | None) -> float:
        if day is None:
            return LEFT + undated_w / 2
        if span == 0:
            return (inner[0] + inner[1]) / 2
        return inner[0] + (day - days[0]).days / span * (inner[1] - inner[0])

    marks = []
    rows = []
    for day, members in sorted(groups.items(), key=lambda item: (item[0] is not None, item[0] or dt.date.min)):
        members.sort(key=lambda pair: (stated_point(pair[1]) if has_number(pair[1]) else -1, pair[0].get("id") or ""))
        room = (undated_w - 8 if day is None else 2 * pad - 2 * DOT_RADIUS - 4)
        step = min(DODGE_PX, room / (len(members) - 1)) if len(members) > 1 else 0.0
        for index, (data, claim) in enumerate(members):
            cx = x(day) + (index - (len(members) - 1) / 2) * step
            kind = claim.source.kind or "unattributed"
            source = claim.source.name or "unattributed"
            modality = data.get("modality") or "reported"
            subset = data.get("scope") == "subset"
            words = describe_value(claim)
            when = data.get("as_of") or UNDATED
            label = (f"{words}, {source} ({kind}), {when}" + ("" if modality == "reported" else f", {modality}")
                     + (", a part of a total" if subset else ""))
            mark: dict[str, Any] = {
                "href": href(data), "label": label + ": open the sentence", "x": round(cx, 1),
                "colour": KIND_COLOURS.get(kind, KIND_COLOURS["unattributed"]),
                "hollow": not _counted(data), "id": claim_id(dict(data)),
            }
            if has_number(claim):
                low, high = allowed(claim)
                mark["y"] = round(y(stated_point(claim)), 1)
                mark["bar"] = None
                if high == UNBOUNDED or low != high:
                    y2 = y(high) if high != UNBOUNDED else TOP
                    mark["bar"] = {"y1": round(y(low), 1), "y2": round(y2, 1), "arrow": (
                        f"M{cx - 4:.1f} {y2 + 6:.1f}L{cx:.1f} {y2:.1f}L{cx + 4:.1f} {y2 + 6:.1f}"
                        if high == UNBOUNDED else None)}
            else:  # no number at all ("several"): a mark on the axis, so every claim has one
                mark["y"] = round(TOP + plot_h, 1)
                mark["bar"] = None
            mark["unknown"] = not has_number(claim)
            marks.append(mark)
            rows.append({"as_of": when, "value": words, "hedge": (data.get("hedge") or "").replace("_", " "),
                         "source": source, "kind": kind, "modality": "a part of a total" if subset and modality
                         == "reported" else modality, "outlet": outlet(data) or "",
                         "href": mark["href"], "colour": mark["colour"]})

    lines = []
    conservative, consensus = figure.get("conservative"), figure.get("consensus")
    estimates = ([("conservative", conservative, "5 4"), ("consensus", consensus, None)]
                 if conservative != consensus else [("conservative = consensus", consensus, None)])
    for key, value, dash in estimates:
        if value is not None:
            lines.append({"key": key.split()[0], "d": f"M{LEFT} {y(value):.1f}H{LEFT + plot_w}",
                          "colour": ESTIMATE, "dash": dash, "label": f"{key} {_number(value)}"})
    steps = _latest_steps(pairs)
    if len(steps) > 1:
        d = f"M{x(steps[0][0]):.1f} {y(steps[0][1]):.1f}"
        for next_day, next_value in [*steps[1:], (None, 0.0)]:
            d += f"H{x(next_day) if next_day is not None else LEFT + plot_w:.1f}"
            if next_day is not None:
                d += f"V{y(next_value):.1f}"
        lines.append({"key": "latest", "d": d, "colour": LATEST, "dash": None, "label": "latest figure by date",
                      "description": "latest figure by date: " + ", ".join(
                          f"{_number(v)} on {day.isoformat()}" for day, v in steps)})

    y_ticks = [{"y": round(y(v), 1), "label": _number(v)}
               for v in (k * tick for k in range(int(round(top / tick)) + 1))]
    with_year = bool(days) and days[0].year != days[-1].year
    x_ticks = [{"x": round(x(day), 1), "label": _date_label(day, with_year)}
               for day in (_date_ticks(days[0], days[-1]) if span else days)]
    if undated:
        x_ticks.insert(0, {"x": round(x(None), 1), "label": UNDATED})
    kinds = sorted({r["kind"] for r in rows}, key=lambda k: list(KIND_COLOURS).index(k) if k in KIND_COLOURS else 99)
    first, last = (days[0].isoformat(), days[-1].isoformat()) if days else (UNDATED, UNDATED)
    measure, group = figure.get("measure", ""), figure.get("group", "")
    summary = (f"{len(marks)} claim{'s' if len(marks) != 1 else ''} of {measure} ({group}), "
               + (f"given on {first}" if first == last else f"given from {first} to {last}")
               + "".join(f"; {line.get('description') or line['label']}" for line in lines))
    return {
        "id": dom_id, "measure": measure, "group": group, "status": figure.get("status") or "agreed",
        "width": WIDTH, "height": HEIGHT,
        "plot": {"left": LEFT, "top": TOP, "right": LEFT + plot_w, "bottom": TOP + plot_h},
        "undated_edge": round(LEFT + undated_w, 1) if undated else None,
        "marks": marks, "rows": rows, "lines": lines, "y_ticks": y_ticks, "x_ticks": x_ticks,
        "legend": [{"colour": KIND_COLOURS.get(k, KIND_COLOURS["unattributed"]), "label": k} for k in kinds],
        "summary": summary,
    }


def toll_charts(figures: Sequence[Mapping[str, Any]], href: Callable[[Mapping[str, Any]], str], *,
                outlet: Callable[[Mapping[str, Any]], str | None] = lambda claim: claim.get("outlet"),
                prefix: str = "toll") -> dict[tuple[str, str], dict[str, Any]]:
    """The charts of an incident's figures of headline measures, by (measure, group)."""
    charts = {}
    for figure in figures:
        if figure.get("measure") in HEADLINE_MEASURES:
            chart = toll_chart(figure, href, outlet=outlet,
                               dom_id=f"{prefix}-{figure['measure']}-{figure['group']}")
            if chart is not None:
                charts[(figure["measure"], figure["group"])] = chart
    return charts
