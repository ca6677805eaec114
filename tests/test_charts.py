"""Charts: the specifications, and the pictures vl-convert draws from them (checked as SVG text,
as PNG headers and as laid-out marks from Vega's scenegraph)."""

from __future__ import annotations

import struct
from datetime import date

import networkx as nx
import polars as pl
import pytest

from bilateral.analysis.charts import (
    QUAD_CLASSES,
    WIDTH,
    ChartError,
    dyad_chart,
    network_chart,
    network_layout,
    render,
)
from bilateral.analysis.relationship_summary import ledger_marks


def series(rows):
    cols = ["period", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
    frame = pl.DataFrame([dict(zip(cols, r, strict=True)) for r in rows])
    return frame.with_columns(events=pl.sum_horizontal(cols[1:]), goldstein_sum=pl.lit(0.0))


SERIES = series([(date(2022, 9, 1), 5, 2, 0, 0), (date(2022, 10, 1), 0, 0, 0, 0), (date(2022, 11, 1), 2, 0, 1, 1)])
MARKS = ledger_marks([
    {"date": "1992", "kind": "diplomatic_relations", "parties": ["BLR", "CHN"], "value": "established"},
    {"date": "2022-09-15", "kind": "partnership", "parties": ["BLR", "CHN"],
     "value": "all-weather comprehensive strategic partnership"},
    {"date": "2022-09", "kind": "membership", "parties": ["BLR", "SCO"], "value": "accession_started"},
])


def texts(spec):
    """Every text item Vega lays out: (text, x, y, align) with x, y in the plot's frame."""
    import vl_convert

    out = []

    def walk(node, dx=0.0, dy=0.0):
        if isinstance(node, dict):
            if node.get("marktype") == "text":
                out.extend((it.get("text"), dx + (it.get("x") or 0), dy + (it.get("y") or 0), it.get("align"))
                           for it in node.get("items", []) if it.get("opacity", 1) != 0)
                return
            if node.get("marktype") == "group":
                for it in node.get("items", []):
                    walk(it.get("items", []), dx + (it.get("x") or 0), dy + (it.get("y") or 0))
                return
            for value in node.values():
                walk(value, dx, dy)
        elif isinstance(node, list):
            for value in node:
                walk(value, dx, dy)

    walk(vl_convert.vegalite_to_scenegraph(spec)["scenegraph"])
    return out


def test_marks_place_dates_of_every_precision_at_the_start_of_their_span():
    assert [(m["date"], m["label_date"]) for m in MARKS] == [
        ("1992-01-01", "1992"), ("2022-09-15", "2022-09-15"), ("2022-09-01", "2022-09")]
    assert MARKS[1]["text"] == "partnership: all-weather comprehensive strategic partnership"
    assert MARKS[2]["text"] == "BLR in SCO: accession_started"


def test_dyad_chart_draws_cooperation_up_conflict_down_and_the_ledger_changes_in_the_svg():
    spec = dyad_chart(SERIES, MARKS, title="China – Belarus: events per month")
    svg = render(spec, "svg").decode()
    assert "China – Belarus: events per month" in svg
    for _column, label, _colour, _sign in QUAD_CLASSES:
        assert label in svg  # the legend
    # bars in each class that has events; none for a class without any
    for colour in ("#9ecae1", "#08519c", "#fc9272", "#a50f15"):
        assert f'fill="{colour}"' in svg
    assert "2022-09-15 partnership" in svg and "2022-09 BLR in SCO" in svg
    # 1992 is far before the events: named in the subtitle, not drawn thirty years to the left
    assert "Earlier in the ledger: 1992 relations: established" in svg
    bars = [row for layer in spec["vconcat"][1]["layer"] if layer["mark"]["type"] == "bar"
            for row in layer["data"]["values"]]
    assert {(r["quad_class"], r["signed"]) for r in bars if r["period"] == "2022-11-01"} == {
        ("verbal cooperation", 2), ("verbal conflict", -1), ("material conflict", -1)}


def test_png_is_drawn_at_twice_the_chart_size():
    import vl_convert

    spec = dyad_chart(SERIES, MARKS, title="t")
    png = render(spec, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    scene = vl_convert.vegalite_to_scenegraph(spec)
    assert (width, height) == (2 * scene["width"], 2 * scene["height"])
    assert width > 1200 and len(png) > 20_000  # a real picture, not an empty canvas


def test_ledger_labels_stay_inside_the_chart_and_apart_when_changes_crowd_together():
    crowded = ledger_marks([{"date": f"2022-09-{d:02d}", "kind": "partnership", "parties": ["A", "B"],
                             "value": f"designation number {d} with a rather long name"} for d in (1, 5, 9, 13, 20)])
    spec = dyad_chart(SERIES, crowded, title="crowded")
    labels = [t for t in texts(spec) if t[0] and t[0].startswith("2022-09-")]
    assert len(labels) == 5
    boxes = []
    for text, x, y, align in labels:
        width = 6.5 * len(text)
        left = x - width if align == "right" else x
        assert left >= -1 and left + width <= WIDTH + 1, (text, left, width)
        boxes.append((left, left + width, y))
    for i, (l1, r1, y1) in enumerate(boxes):
        for l2, r2, y2 in boxes[i + 1:]:
            assert abs(y1 - y2) >= 12 or r1 <= l2 or r2 <= l1, "two ledger labels overlap"


def test_quad_colours_stay_apart_in_greyscale_print():
    def luminance(hex_colour):
        r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    greys = sorted(luminance(c) for _col, _label, c, _sign in QUAD_CLASSES)
    # light/dark within cooperation and within conflict; cooperation and conflict also differ by side of zero
    coop = [luminance(c) for col, _l, c, s in QUAD_CLASSES if s > 0]
    conflict = [luminance(c) for col, _l, c, s in QUAD_CLASSES if s < 0]
    assert abs(coop[0] - coop[1]) > 0.3 and abs(conflict[0] - conflict[1]) > 0.3
    assert greys[-1] - greys[0] > 0.5


def test_a_directed_series_is_summed_over_both_directions():
    directed = pl.concat([SERIES.with_columns(source=pl.lit("CHN"), target=pl.lit("BLR")),
                          SERIES.with_columns(source=pl.lit("BLR"), target=pl.lit("CHN"))])
    spec = dyad_chart(directed, [], title="t")
    rows = spec["layer"][0]["data"]["values"]
    assert {(r["period"], r["quad_class"]): r["events"] for r in rows}[("2022-09-01", "verbal cooperation")] == 10


def test_nothing_to_draw_and_unknown_formats_are_clear_errors():
    with pytest.raises(ChartError, match="nothing to draw"):
        dyad_chart(SERIES.clear(), [], title="t")
    with pytest.raises(ChartError, match="unknown period"):
        dyad_chart(SERIES, [], title="t", freq="fortnight")
    with pytest.raises(ChartError, match=r"\.png or \.svg"):
        render(dyad_chart(SERIES, [], title="t"), "gif")
    with pytest.raises(ChartError, match="nothing to draw"):
        network_chart(nx.DiGraph(), title="t")


def test_only_ledger_changes_still_draw_a_chart():
    spec = dyad_chart(SERIES.clear(), MARKS[1:2], title="only the ledger")
    assert "2022-09-15 partnership" in render(spec, "svg").decode()


def network():
    g = nx.DiGraph()
    for code, name in [("CHN", "China"), ("BLR", "Belarus"), ("PAK", "Pakistan"), ("FRA", "France"), ("NER", "Niger")]:
        g.add_node(code, name=name, kind="state")
    g.add_edge("CHN", "BLR", events=6, goldstein_sum=14.5)
    g.add_edge("BLR", "CHN", events=2, goldstein_sum=7.5)
    g.add_edge("NER", "FRA", events=3, goldstein_sum=-12.0)
    g.add_edge("CHN", "PAK", events=0, goldstein_sum=0.0, partnership="all-weather strategic cooperative partnership")
    return g


def test_network_layout_adds_both_directions_and_is_the_same_every_run():
    nodes, edges = network_layout(network())
    assert network_layout(network()) == (nodes, edges)
    by_pair = {e["pair"]: e for e in edges}
    assert by_pair["BLR - CHN"]["events"] == 8 and by_pair["BLR - CHN"]["goldstein_mean"] == 2.75
    assert by_pair["CHN - PAK"]["events"] == 0 and by_pair["CHN - PAK"]["partnership"]
    for n in nodes:  # on the unit circle, labels just outside it
        assert abs(n["x"] ** 2 + n["y"] ** 2 - 1) < 1e-9
    positions = {(round(n["x"], 6), round(n["y"], 6)) for n in nodes}
    assert len(positions) == len(nodes) == 5


def test_network_chart_draws_every_actor_and_dashes_ledger_only_pairs():
    spec = network_chart(network(), title="Events between actors, all dates")
    svg = render(spec, "svg").decode()
    for code in ("CHN", "BLR", "PAK", "FRA", "NER"):
        assert f">{code}<" in svg
    assert "stroke-dasharray" in svg  # CHN - PAK: a partnership without events
    labels = {t[0]: (t[1], t[2]) for t in texts(spec) if t[0] in {"CHN", "BLR", "PAK", "FRA", "NER"}}
    points = list(labels.values())
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1:]:
            assert abs(x1 - x2) > 40 or abs(y1 - y2) > 14, "two actor labels overlap"


def test_count_axis_has_whole_distinct_numbers_and_bars_span_their_whole_period():
    small = series([(date(2018, 4, 23), 2, 0, 0, 0), (date(2018, 4, 30), 1, 0, 0, 0)])
    spec = dyad_chart(small, [], title="per week", freq="week")
    numbers = [t[0] for t in texts(spec) if t[0] and t[0].lstrip("−-").isdigit()]
    assert numbers and len(numbers) == len(set(numbers)), numbers  # not "0, 1, 1, 2, 2"
    bars = spec["layer"][0]["data"]["values"]
    assert {(b["period"], b["period_end"]) for b in bars} == {("2018-04-23", "2018-04-30"), ("2018-04-30", "2018-05-07")}
    # the axis is wide enough that a week's bar is visible (about half a year), not a year of hairlines
    start, end = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
    assert 150 <= (date.fromisoformat(end) - date.fromisoformat(start)).days <= 200
