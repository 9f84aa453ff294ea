// The timeline page: draws /timeline.json with vis-timeline and shows, for a clicked event,
// the words of its source. Text from the graph is set as text, never parsed as HTML.
"use strict";

(async function () {
  const holder = document.getElementById("timeline");
  const response = await fetch(holder.dataset.source);
  const data = await response.json();
  if (!response.ok) {
    const error = document.getElementById("error");
    error.textContent = data.error;
    error.hidden = false;
    return;
  }

  document.getElementById("summary").textContent =
    `${data.shown} dated events in ${data.groups.length} lanes, ` +
    `${data.undated.length} undated events listed below.`;
  if (data.sampled) {
    const note = document.getElementById("sample-note");
    note.textContent =
      `Showing a sample of ${data.shown} of ${data.total} dated events, spread over the whole ` +
      "period: choose a person, a source or a period to see every event of it.";
    note.hidden = false;
  }

  const items = new vis.DataSet(data.items);
  // The window opens on every mark, with a margin of a twentieth of their span each side.
  const starts = data.items.map((item) => Date.parse(item.start));
  const ends = data.items.map((item) => Date.parse(item.end || item.start));
  const first = Math.min(...starts);
  const last = Math.max(...ends);
  const margin = Math.max((last - first) / 20, 30 * 24 * 3600 * 1000);
  const timeline = new vis.Timeline(holder, items, new vis.DataSet(data.groups), {
    start: new Date(first - margin),
    end: new Date(last + margin),
    stack: true,
    orientation: "top",
    margin: { item: { horizontal: 2, vertical: 4 } },
    tooltip: { followMouse: true },
    groupOrder: "order",
  });

  timeline.on("select", (properties) => {
    const item = items.get(properties.items[0]);
    if (item && item.quotations) {
      show(item);
    }
  });

  function show(item) {
    document.getElementById("details-label").textContent = item.label;
    const when = item.when;
    document.getElementById("details-when").textContent =
      `${item.kind}, ${when.label}` +
      (when.approximation ? ` (the source says "${when.approximation}")` : "") +
      ` — date known to the ${when.precision}`;
    const quotations = document.getElementById("details-quotations");
    quotations.replaceChildren(
      ...item.quotations.map((text) => {
        const quote = document.createElement("blockquote");
        quote.className = "quotation";
        quote.textContent = `“${text}”`;
        return quote;
      }),
    );
    document.getElementById("details-source").textContent = item.source
      ? `Source: ${item.source}`
      : "";
    document.getElementById("details").hidden = false;
  }

  const undated = document.getElementById("undated");
  for (const event of data.undated) {
    const entry = document.createElement("li");
    entry.className = "undated";
    entry.textContent =
      `${event.label} — ${event.kind}` +
      (event.approximateTime ? ` (${event.approximateTime})` : "");
    undated.append(entry);
  }
  document.getElementById("undated-section").hidden = data.undated.length === 0;
})();
