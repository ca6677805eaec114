"""The relations network as GEXF (Gephi) and GraphML (igraph, networkx, yEd), and events as
temporal knowledge-graph quads (head, relation, tail, time) for TKG models trained on ICEWS-like data."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import polars as pl

from bilateral import __version__
from bilateral.model import SCHEMA_VERSION

GEXF_NS = "http://www.gexf.net/1.2draft"


def _stamped(graph: nx.DiGraph) -> nx.DiGraph:
    graph = graph.copy()
    graph.graph.update(bilateral_version=__version__, schema_version=SCHEMA_VERSION)
    return graph


def write_graphml(graph: nx.DiGraph, path: Path) -> int:
    """GraphML: node and edge attributes typed (counts int, Goldstein double, names string); the
    versions and the period as graph attributes."""
    nx.write_graphml(_stamped(graph), path)
    return graph.number_of_edges()


def write_gexf(graph: nx.DiGraph, path: Path) -> int:
    """GEXF 1.2: networkx writes the attributes; the <meta> block names bilateral, its version and
    the schema version (networkx would name itself)."""
    labelled = graph.copy()
    for code, attrs in labelled.nodes(data=True):
        attrs["label"] = attrs.get("name") or code  # Gephi shows the label; the id stays the code
    nx.write_gexf(labelled, path)
    ElementTree.register_namespace("", GEXF_NS)
    tree = ElementTree.parse(path)
    meta = tree.getroot().find(f"{{{GEXF_NS}}}meta")
    if meta is not None:
        creator = meta.find(f"{{{GEXF_NS}}}creator")
        if creator is not None:
            creator.text = f"bilateral {__version__}"
        description = ElementTree.SubElement(meta, f"{{{GEXF_NS}}}description")
        period = f"{graph.graph.get('since') or 'start'} to {graph.graph.get('until') or 'end'}"
        description.text = f"bilateral event network, schema version {SCHEMA_VERSION}, events {period}"
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return graph.number_of_edges()


def quads_frame(events: pl.DataFrame) -> pl.DataFrame:
    """(head, relation, tail, time): source code, PLOVER type, target code, day. Only events with
    both actors and a day date: a month or a year is not a time stamp (their count is reported)."""
    return (events.filter(pl.col("source_code").is_not_null(), pl.col("target_code").is_not_null(),
                          pl.col("date_precision") == "day")
            .select(pl.col("source_code").alias("head"), pl.col("event_type").alias("relation"),
                    pl.col("target_code").alias("tail"), pl.col("date_start").cast(pl.String).alias("time")))


def write_quads(events: pl.DataFrame, path: Path, states: set[str]) -> int:
    """Tab-separated quads without a header, as ICEWS14/ICEWS18 TKG benchmarks ship them."""
    frame = quads_frame(events)
    frame.write_csv(path, separator="\t", include_header=False, quote_style="never")
    return frame.height
