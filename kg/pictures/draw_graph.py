"""The network and the data model drawn by Graphviz, as SVG or PNG.

Graphviz lays a graph out the same way every time for the same input, so the files are the
same bytes for the same graph. Each node carries an id in the SVG (``node:NAME`` in the
network, ``class:nkd:Name`` and ``standard:prefix:Name`` in the model) to be found again.
"""

import graphviz

from kg.errors import InputError
from kg.pictures.model import Model
from kg.pictures.network import Network
from kg.pictures.read import local_name

NODE_COLOURS = {
    "person": "#f5b7b1",
    "mission": "#aed6f1",
    "organisation": "#d5f5e3",
    "event": "#fcf3cf",
}
EDGE_COLOURS = {"posting": "#2874a6", "kinship": "#c0392b", "role": "#7f8c8d"}
LABEL_WIDTH = 28


def wrapped(text: str, width: int = LABEL_WIDTH) -> str:
    """``text`` broken into lines of about ``width`` characters, for a node's label."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def render(graph: graphviz.Digraph, fmt: str) -> bytes:
    try:
        return graph.pipe(format=fmt)
    except graphviz.ExecutableNotFound as error:
        raise InputError(
            "Graphviz's dot program is not installed (Debian: apt-get install graphviz)"
        ) from error


def draw_network(network: Network, fmt: str) -> bytes:
    """The network as ``fmt`` ("svg" or "png") bytes: nodes coloured by kind, the focus in bold."""
    graph = graphviz.Digraph(
        "network",
        engine="neato",
        graph_attr={
            "overlap": "prism",
            "overlap_scaling": "-4",
            "splines": "true",
            "outputorder": "edgesfirst",
            "fontname": "DejaVu Sans",
            "label": network_title(network),
            "labelloc": "t",
            "fontsize": "16",
        },
        node_attr={"style": "filled", "fontname": "DejaVu Sans", "fontsize": "10"},
        edge_attr={"fontname": "DejaVu Sans", "fontsize": "8", "arrowsize": "0.6"},
    )
    # Graphviz reads a colon in a node's name as a port: nodes are named by position.
    key = {node.iri: f"n{index}" for index, node in enumerate(network.nodes)}
    for node in network.nodes:
        graph.node(
            key[node.iri],
            wrapped(node.label),
            id=f"node:{node.name}",
            shape="box" if node.kind in ("mission", "organisation") else "ellipse",
            fillcolor=NODE_COLOURS[node.kind],
            penwidth="3" if node.iri == network.focus else "1",
            tooltip=f"{node.kind}: {node.label}",
        )
    for index, edge in enumerate(network.edges):
        graph.edge(
            key[edge.source],
            key[edge.target],
            label=edge.label,
            id=f"edge:{index}:{edge.kind}",
            color=EDGE_COLOURS[edge.kind],
            fontcolor=EDGE_COLOURS[edge.kind],
        )
    return render(graph, fmt)


def network_title(network: Network) -> str:
    """The title with the key to the colours, as a Graphviz HTML label (neato draws no
    clusters, where a legend would usually go)."""
    shown = len(network.nodes)
    if network.focus:
        title = f"Neighbourhood of {local_name(network.focus)}: {shown} nodes"
    elif network.sampled:
        title = f"Network: a sample of {shown} of {network.total} nodes"
    else:
        title = f"Network: {shown} nodes, {len(network.edges)} edges"
    key = "".join(
        f'<TD BGCOLOR="{fill}" BORDER="1"><FONT POINT-SIZE="10">{kind}</FONT></TD>'
        for kind, fill in NODE_COLOURS.items()
    )
    key += "".join(
        f'<TD><FONT COLOR="{colour}" POINT-SIZE="10">— {kind}</FONT></TD>'
        for kind, colour in EDGE_COLOURS.items()
    )
    return (
        f'<<TABLE BORDER="0" CELLSPACING="4"><TR><TD COLSPAN="7">{escape(title)}</TD></TR>'
        f"<TR>{key}</TR></TABLE>>"
    )


def draw_model(model: Model, fmt: str) -> bytes:
    """The data model as ``fmt`` bytes: our classes as boxes listing their datatype
    properties, the standard classes they refine as grey ellipses (hollow arrows), object
    properties as labelled arrows from domain to range."""
    graph = graphviz.Digraph(
        "model",
        engine="dot",
        graph_attr={
            "rankdir": "LR",
            "fontname": "DejaVu Sans",
            "label": f"Data model of ontology/nkd.ttl: {len(model.classes)} classes",
            "labelloc": "t",
            "fontsize": "18",
            "nodesep": "0.15",
            "ranksep": "0.6",
        },
        node_attr={"fontname": "DejaVu Sans", "fontsize": "10"},
        edge_attr={"fontname": "DejaVu Sans", "fontsize": "8", "arrowsize": "0.6"},
    )
    names = [cls.name for cls in model.classes] + model.standard
    # Graphviz reads a colon in a node's name as a port: nodes are named by position.
    key = {name: f"n{index}" for index, name in enumerate(names)}
    for cls in model.classes:
        rows = "".join(
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="8">{escape(name)}: {escape(kind)}</FONT>'
            "</TD></TR>"
            for name, kind in cls.attributes
        )
        graph.node(
            key[cls.name],
            f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
            f'<TR><TD BGCOLOR="#d6eaf8"><B>{escape(cls.name)}</B></TD></TR>{rows}</TABLE>>',
            id=f"class:{cls.name}",
            shape="box",
            tooltip=cls.label,
        )
    for name in model.standard:
        graph.node(
            key[name],
            name,
            id=f"standard:{name}",
            shape="ellipse",
            style="filled",
            fillcolor="#eaeded",
            color="#aab7b8",
            fontcolor="#515a5a",
        )
    for cls in model.classes:
        for parent in cls.refines:
            graph.edge(key[cls.name], key[parent], arrowhead="onormal", color="#7f8c8d")
    for link in model.links:
        graph.edge(
            key[link.domain],
            key[link.range],
            label=link.name,
            color="#2874a6",
            fontcolor="#2874a6",
            id=f"property:{link.name}",
        )
    return render(graph, fmt)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
