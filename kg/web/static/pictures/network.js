// The network page: draws /network.json with vis-network; a click on a node adds its
// neighbours, so that a reader starts from one node and expands. Every node is also listed
// as a link, for readers who do not use the drawing.
"use strict";

(async function () {
  const holder = document.getElementById("network");
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const colours = {
    person: "#f5b7b1",
    mission: "#aed6f1",
    organisation: "#d5f5e3",
    event: "#fcf3cf",
  };
  const groups = {};
  for (const [kind, colour] of Object.entries(colours)) {
    groups[kind] = {
      color: { background: colour, border: "#5d6d7e" },
      shape: kind === "mission" || kind === "organisation" ? "box" : "ellipse",
    };
  }
  const network = new vis.Network(holder, { nodes, edges }, {
    groups,
    edges: { arrows: "to", font: { size: 9, align: "middle" }, color: "#7f8c8d" },
    nodes: { font: { size: 12 }, widthConstraint: { maximum: 180 } },
    physics: { stabilization: { iterations: 150 } },
  });

  async function load(focus) {
    const query = focus ? `?focus=${encodeURIComponent(focus)}` : "";
    const response = await fetch(holder.dataset.source + query);
    const data = await response.json();
    if (!response.ok) {
      const error = document.getElementById("error");
      error.textContent = data.error;
      error.hidden = false;
      return;
    }
    nodes.update(data.nodes.map((n) => ({ ...n, title: `${n.kind}: ${n.label}` })));
    edges.update(
      data.edges.map((e) => ({ ...e, id: `${e.from}|${e.to}|${e.kind}|${e.label}` })),
    );
    if (data.sampled) {
      const note = document.getElementById("sample-note");
      note.textContent =
        `Showing a sample of ${data.shown} of ${data.total} nodes: start from one node ` +
        "(Start from, or a click) to see its neighbourhood.";
      note.hidden = false;
    }
    if (data.focus) {
      network.selectNodes([data.focus]);
    }
    list();
  }

  function list() {
    document.getElementById("summary").textContent =
      `${nodes.length} nodes and ${edges.length} edges shown.`;
    const entries = nodes.get({ order: "label" }).map((node) => {
      const entry = document.createElement("li");
      entry.className = `node ${node.kind}`;
      const link = document.createElement("a");
      // On the network page a link refocuses it; elsewhere (a node's page) it opens it.
      link.href = `${holder.dataset.page || ""}?focus=${encodeURIComponent(node.id)}`;
      link.textContent = node.label;
      entry.append(link, ` (${node.kind})`);
      return entry;
    });
    document.getElementById("node-list").replaceChildren(...entries);
  }

  network.on("click", (properties) => {
    if (properties.nodes.length) {
      load(properties.nodes[0]);
    }
  });

  await load(holder.dataset.focus);
})();
