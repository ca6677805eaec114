"""Chart specifications (Vega-Lite, built with altair) shared by `bilateral plot` and the web
pages: the same dict is rendered to PNG/SVG offline by vl-convert and drawn in the browser by a
locally served vega-embed.

Colours: cooperation in blues above the axis, conflict in reds below it; within each, verbal is
light and material dark, so the four quad classes stay apart in greyscale print too.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from typing import Any

import altair as alt
import polars as pl

from bilateral.errors import BilateralError

QUAD_CLASSES = [  # (series column, legend label, colour, sign)
    ("material_coop", "material cooperation", "#08519c", 1),
    ("verbal_coop", "verbal cooperation", "#9ecae1", 1),
    ("verbal_conflict", "verbal conflict", "#fc9272", -1),
    ("material_conflict", "material conflict", "#a50f15", -1),
]
TIME_UNITS: dict[str, Any] = {"day": "utcyearmonthdate", "week": "utcyearmonthdate", "month": "utcyearmonth", "year": "utcyear"}
AXIS_FORMATS = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%b %Y", "year": "%Y"}
OFFSETS = {"day": "1d", "week": "1w", "month": "1mo", "year": "1y"}
PERIOD_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
MIN_AXIS_DAYS = {"day": 42, "week": 26 * 7, "month": 365, "year": 6 * 366}  # bars stay wide enough to see
WIDTH, HEIGHT = 640, 260
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


class ChartError(BilateralError):
    """A chart cannot be drawn or written (no data, unknown format)."""


def dyad_chart(series: pl.DataFrame, marks: list[dict[str, Any]], *, title: str,
               freq: str = "month") -> dict[str, Any]:
    """Events between two actors per period, cooperation up and conflict down, with the ledger's
    changes (`marks`: {"date": "2022-09-15", "text": "..."}) as dashed rules on the time axis."""
    if freq not in TIME_UNITS:
        raise ChartError(f"unknown period {freq!r}: use one of {', '.join(TIME_UNITS)}")
    bars = _bar_rows(series, freq)
    start, end = _domain(bars, marks, freq)
    shown = [m for m in marks if m["date"] and start <= m["date"] <= end]
    # Each bar spans its whole period (period to period_end), whatever the period's length.
    x = alt.X("period:T", title=None,
              scale=alt.Scale(type="utc", domain=[start, end]),
              axis=alt.Axis(format=AXIS_FORMATS[freq], labelAngle=0, labelOverlap=True, grid=False))
    count_axis = alt.Axis(format="d", values=_count_ticks(bars))
    colour = alt.Color("quad_class:N", title=None, legend=alt.Legend(orient="bottom", columns=4),
                       scale=alt.Scale(domain=[q[1] for q in QUAD_CLASSES], range=[q[2] for q in QUAD_CLASSES]))
    layer_bars = alt.Chart(alt.Data(values=bars)).mark_bar(stroke="#333", strokeWidth=0.5).encode(
        x=x, x2="period_end:T", y=alt.Y("sum(signed):Q", title="events (conflict below zero)", axis=count_axis),
        color=colour, order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("period:T", timeUnit=TIME_UNITS[freq], title="period"),
                 alt.Tooltip("quad_class:N", title="quad class"), alt.Tooltip("events:Q", title="events")])
    zero = alt.Chart(alt.Data(values=[{}])).mark_rule(color="#333").encode(
        y=alt.YDatum(0, axis=count_axis, title="events (conflict below zero)"))
    main: Any = alt.layer(layer_bars, zero).properties(width=WIDTH, height=HEIGHT)
    subtitle = _earlier_note(marks, start)
    title_params = alt.TitleParams(title, subtitle=subtitle or alt.Undefined, anchor="start", fontSize=15, subtitleFontSize=11)
    if not shown:
        return _finish(main.properties(title=title_params))
    strip, rule = _mark_layers(shown, (start, end))
    main = alt.layer(layer_bars, zero, rule).properties(width=WIDTH, height=HEIGHT)
    chart = alt.vconcat(strip, main, spacing=2, title=title_params).resolve_scale(x="shared")
    return _finish(chart)


def _bar_rows(series: pl.DataFrame, freq: str) -> list[dict[str, Any]]:
    """Long rows (period, quad class, events, signed events) from the wide dyad series, summed
    over directions when the series is directed."""
    if series.is_empty():
        return []
    missing = {"period", *(q[0] for q in QUAD_CLASSES)} - set(series.columns)
    if missing:
        raise ChartError(f"the time series lacks column(s) {', '.join(sorted(missing))}")
    wide = (series.group_by("period").agg([pl.col(q[0]).sum() for q in QUAD_CLASSES]).sort("period")
            .with_columns(period_end=pl.col("period").dt.offset_by(OFFSETS[freq])))
    rows = []
    for rec in wide.iter_rows(named=True):
        for order, (column, label, _colour, sign) in enumerate(QUAD_CLASSES):
            if rec[column]:
                rows.append({"period": rec["period"].isoformat(), "period_end": rec["period_end"].isoformat(),
                             "quad_class": label, "order": order,
                             "events": int(rec[column]), "signed": sign * int(rec[column])})
    return rows


def _count_ticks(bars: list[dict[str, Any]]) -> list[int]:
    """Whole numbers for the count axis, at most about eight of them (Vega would otherwise put
    ticks at halves on a short axis and print them rounded: 0, 1, 1, 2, 2)."""
    up: dict[str, int] = {}
    down: dict[str, int] = {}
    for b in bars:
        side = up if b["signed"] > 0 else down
        side[b["period"]] = side.get(b["period"], 0) + b["events"]
    top, bottom = max(up.values(), default=0), max(down.values(), default=0)
    step = max(1, math.ceil((top + bottom) / 8))
    return list(range(-(bottom // step) * step - (step if bottom % step else 0), top + step, step))


def _domain(bars: list[dict[str, Any]], marks: list[dict[str, Any]], freq: str) -> tuple[str, str]:
    """The time axis: the periods with events, one period either side, and at least a year
    wide so that one busy month does not fill the chart; ledger changes in the year before the
    first event are drawn too. With no events, the span of the marks."""
    if bars:
        first = date.fromisoformat(min(b["period"] for b in bars))
        last = date.fromisoformat(max(b["period"] for b in bars))
    elif any(m["date"] for m in marks):
        first = last = date.fromisoformat(max(m["date"] for m in marks if m["date"]))
    else:
        raise ChartError("nothing to draw: no events and no dated ledger changes for this pair")
    step = timedelta(days=PERIOD_DAYS[freq])
    start, end = first - step, last + 2 * step
    earliest = start - timedelta(days=366)
    dated = [date.fromisoformat(m["date"]) for m in marks if m["date"]]
    start = min([start, *(d for d in dated if d >= earliest)])
    end = max([end, *dated])
    if (end - start).days < MIN_AXIS_DAYS[freq]:
        pad = timedelta(days=(MIN_AXIS_DAYS[freq] - (end - start).days) // 2)
        start, end = start - pad, end + pad
    return start.isoformat(), end.isoformat()


def _mark_layers(marks: list[dict[str, Any]], domain: tuple[str, str]) -> tuple[Any, Any]:
    """A strip above the plot with one label per ledger change, and the dashed rules drawn
    through the plot itself. A label runs from its rule to the side with more room, shortened
    to fit it (about 6.5 px a character at 11 px; the rule's tooltip has it whole), and goes to
    the first row where it overlaps no other label."""
    first, last = (date.fromisoformat(d) for d in domain)
    span = (last - first).days or 1
    rows: list[dict[str, Any]] = []
    taken: list[list[tuple[float, float]]] = []
    for m in sorted(marks, key=lambda m: m["date"]):
        x_px = WIDTH * (date.fromisoformat(m["date"]) - first).days / span
        side = "left" if WIDTH - x_px >= x_px else "right"
        label = f"{m['label_date']} {m['text']}"
        room = int((max(WIDTH - x_px, x_px) - 10) / 6.5)
        short = label if len(label) <= room else label[: max(room - 1, 1)] + "…"
        width = 6.5 * len(short) + 8
        extent = (x_px, x_px + width) if side == "left" else (x_px - width, x_px)
        row = next((i for i, used in enumerate(taken) if all(extent[1] <= a or b <= extent[0] for a, b in used)),
                   len(taken))
        if row == len(taken):
            taken.append([])
        taken[row].append(extent)
        box = [datetime.combine(first, time()) + timedelta(days=px * span / WIDTH) for px in extent]
        rows.append({**m, "label": label, "short": short, "side": side, "top": 3 + 15 * row, "bottom": 16 + 15 * row,
                     "box_start": box[0].isoformat() + "Z", "box_end": box[1].isoformat() + "Z"})
    at = alt.X("date:T", scale=alt.Scale(type="utc"), title=None)
    rule = alt.Chart(alt.Data(values=rows)).mark_rule(color="#444", strokeDash=[5, 3], strokeWidth=1.2).encode(
        x=at, tooltip=[alt.Tooltip("label:N", title="ledger")])
    height = 6 + 15 * len(taken)
    # Each rule starts at its own label and runs down to the plot; a white box behind every
    # label hides the rules of labels above it, so no text is crossed by a line.
    tick = alt.Chart(alt.Data(values=rows)).mark_rule(color="#444", strokeDash=[5, 3], strokeWidth=1.2).encode(
        x=at.axis(None), y=alt.Y("top:Q", axis=None, scale=None), y2=alt.value(height))
    boxes = alt.Chart(alt.Data(values=rows)).mark_rect(color="white").encode(
        x=alt.X("box_start:T", axis=None, scale=alt.Scale(type="utc")), x2="box_end:T",
        y=alt.Y("top:Q", axis=None, scale=None), y2=alt.Y2("bottom:Q"))
    texts = [alt.Chart(alt.Data(values=[r for r in rows if r["side"] == side])).mark_text(
        align=side, baseline="top", dx=4 if side == "left" else -4, fontSize=11, color="#222").encode(
        x=at.axis(None), y=alt.Y("top:Q", axis=None, scale=None), text="short:N") for side in ("left", "right")]
    return alt.layer(tick, boxes, *texts).properties(width=WIDTH, height=height), rule


def _earlier_note(marks: list[dict[str, Any]], start: str) -> str:
    earlier = [m for m in marks if m["date"] and m["date"] < start]
    if not earlier:
        return ""
    return "Earlier in the ledger: " + "; ".join(f"{m['label_date']} {m['text']}" for m in earlier[-3:])


def network_chart(graph: Any, *, title: str) -> dict[str, Any]:
    """The relations network (a networkx graph whose edges carry `events` and `goldstein_sum`):
    actors placed by a seeded spring layout, an edge per pair as wide as its events and
    coloured by its mean Goldstein score (blue cooperative, red conflictual)."""
    nodes, edges = network_layout(graph)
    if not edges:
        raise ChartError("nothing to draw: no events between two actors in this period")
    coded = [e for e in edges if e["events"]]
    ledger_only = [e for e in edges if not e["events"]]
    scales = {"x": alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-1.25, 1.25])),
              "y": alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-1.25, 1.25]))}
    # Pairs with a partnership in the ledger but no events in the period: thin dashed grey.
    partnership_layer = alt.Chart(alt.Data(values=ledger_only)).mark_rule(
        color="#777", strokeDash=[4, 3], strokeWidth=1.2).encode(
        **scales, x2="x2:Q", y2="y2:Q", tooltip=[alt.Tooltip("pair:N", title="pair"), "partnership:N"])
    edge_layer = alt.Chart(alt.Data(values=coded)).mark_rule(opacity=0.9).encode(
        **scales, x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("events:Q", title="events", scale=alt.Scale(range=[1.5, 10])),
        color=alt.Color("goldstein_mean:Q", title="mean Goldstein",
                        scale=alt.Scale(scheme="redblue", domain=[-6, 6], clamp=True)),
        tooltip=[alt.Tooltip("pair:N", title="pair"), "events:Q",
                 alt.Tooltip("goldstein_mean:Q", title="mean Goldstein")])
    node_data = alt.Data(values=nodes)
    dots = alt.Chart(node_data).mark_circle(size=240, color="#f7f7f7", stroke="#222", strokeWidth=1.5,
                                            opacity=1).encode(x="x:Q", y="y:Q", tooltip=["code:N", "name:N"])
    labels = alt.Chart(node_data).mark_text(fontSize=12, fontWeight="bold", color="#111").encode(
        x="lx:Q", y="ly:Q", text="code:N")
    chart = alt.layer(partnership_layer, edge_layer, dots, labels).properties(
        width=480, height=480, title=alt.TitleParams(title, anchor="start", fontSize=15))
    return _finish(chart)


def network_layout(graph: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Node positions in [-1, 1] (the same on every run) and one undirected edge per pair with
    its events and Goldstein sum added over both directions."""
    import networkx as nx

    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        a, b = sorted((str(u), str(v)))
        pair = pairs.setdefault((a, b), {"events": 0, "goldstein_sum": 0.0, "partnership": None})
        pair["partnership"] = pair["partnership"] or data.get("partnership")
        pair["events"] += int(data.get("events", 0))
        pair["goldstein_sum"] += float(data.get("goldstein_sum", 0.0))
    simple = nx.Graph()
    simple.add_edges_from((a, b, {"weight": p["events"]}) for (a, b), p in pairs.items())
    # A circle keeps every label apart; partners sit next to each other because the nodes go
    # round it component by component, each walked breadth-first from its busiest actor.
    order: list[str] = []
    for component in sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c))):
        hub = max(sorted(component), key=lambda n: simple.degree(n, weight="weight"))
        order += [hub, *(v for _u, v in nx.bfs_edges(simple, hub, sort_neighbors=sorted))]
    step = 2 * math.pi / max(len(order), 1)
    at = {n: (math.cos(math.pi / 2 - i * step), math.sin(math.pi / 2 - i * step)) for i, n in enumerate(order)}
    nodes = [{"code": n, "name": graph.nodes[n].get("name") or n, "x": at[n][0], "y": at[n][1],
              "lx": 1.17 * at[n][0], "ly": 1.15 * at[n][1]} for n in order]
    edges = [{"pair": f"{a} - {b}", "x": at[a][0], "y": at[a][1], "x2": at[b][0], "y2": at[b][1],
              "events": p["events"], "partnership": p["partnership"], "goldstein_mean": round(p["goldstein_sum"] / p["events"], 2) if p["events"] else 0.0}
             for (a, b), p in sorted(pairs.items())]
    return nodes, edges


def _finish(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart.configure(font=FONT).configure_view(stroke=None).configure_axis(
        labelFontSize=11, titleFontSize=12).configure_legend(labelFontSize=11).to_dict()
    spec["background"] = "white"
    return spec


def render(spec: dict[str, Any], fmt: str, *, scale: float = 2.0) -> bytes:
    """The chart as PNG (at `scale` times its size) or SVG bytes, drawn offline."""
    import vl_convert

    if fmt == "png":
        return bytes(vl_convert.vegalite_to_png(spec, scale=scale))
    if fmt == "svg":
        return str(vl_convert.vegalite_to_svg(spec)).encode("utf-8")
    raise ChartError(f"cannot write a chart as {fmt!r}: use .png or .svg")


def dyad_figure(store: Any, a: str, b: str, *, freq: str = "month") -> dict[str, Any]:
    """The dyad chart for two actors of a store (codes, names or demonyms)."""
    from bilateral.actors.names import actor_names
    from bilateral.analysis.frames import dyad_series, resolve_country
    from bilateral.analysis.relationship_summary import dyad_summary, ledger_marks

    a, b = resolve_country(a), resolve_country(b)
    names = actor_names()
    marks = ledger_marks(dyad_summary(store, a, b)["timeline"])
    series = dyad_series(store, a, b, freq=freq)
    title = f"{names.name(a) or a} – {names.name(b) or b}: events per {freq}"
    return dyad_chart(series, marks, title=title, freq=freq)


def network_figure(store: Any, *, since: date | None = None, until: date | None = None) -> dict[str, Any]:
    """The network chart of a store's events in a period."""
    from bilateral.analysis.frames import network

    return network_chart(network(store, since=since, until=until), title=network_title(since, until))


def network_title(since: date | None, until: date | None) -> str:
    if since and until:
        return f"Events between actors, {since} to {until}"
    if since or until:
        return f"Events between actors, {'since ' + str(since) if since else 'until ' + str(until)}"
    return "Events between actors, all dates"
